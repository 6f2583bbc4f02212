// Knowing when it breaks: three log search alert rules on Application Insights, each e-mailing the
// people who run the service through one action group. They read what the app exports
// (src/Intake.Functions/Telemetry: IntakeMetrics) and the Functions host's request log:
// - a message in a poison queue (it failed every try: a submission is not pre-checked, or an
//   alert e-mail is not sent, until someone fixes the cause and replays it);
// - any 5xx answer (a storage outage answers 503; anything else is a fault);
// - a reconciler pass that queued a stored submission again (a hand-off to the queue was lost).
// The alerts name queues and counts only; no patient data is ever in the telemetry they read.

@description('Name prefix of the alert resources.')
param namePrefix string

@description('Tags for the resources.')
param tags object

@description('Azure region of the alert rules (the action group is global).')
param location string

@description('Name of the Application Insights component the rules query.')
param applicationInsightsName string

@description('E-mail address of the people who run the service; every alert goes there.')
param operationsAlertAddress string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource operations 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operations'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'mbcintake'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: operationsAlertAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each rule: a Kusto query over the component, its measure, and when it fires. The metric names are
// IntakeMetrics' constants (a test checks them against the code). A metric row's `value` is the
// gauge's reading, or the counter's sum over one export interval.
var rules = [
  {
    name: 'poison-messages'
    displayName: 'MbcIntake: messages in a poison queue'
    description: 'A queue message failed every try and is in its -poison queue (GET /api/stats shows which). Fix the cause, then POST /api/poison/{queue}/replay (docs/reliability.md).'
    severity: 1
    query: 'customMetrics | where name == "mbcintake.poison.messages" | extend queue = tostring(customDimensions["messaging.destination.name"]) | summarize Poisoned = max(value) by queue'
    timeAggregation: 'Maximum'
    metricMeasureColumn: 'Poisoned'
    dimensions: [
      {
        name: 'queue'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    windowSize: 'PT15M'
  }
  {
    name: 'server-errors'
    displayName: 'MbcIntake: a 5xx answer'
    description: 'The app answered a request with a 5xx status: 503 while storage is unreachable, anything else a fault. See the failed requests in Application Insights.'
    severity: 1
    query: 'requests | where toint(resultCode) >= 500'
    timeAggregation: 'Count'
    metricMeasureColumn: null
    dimensions: []
    windowSize: 'PT5M'
  }
  {
    name: 'reconciler-requeued'
    displayName: 'MbcIntake: the reconciler queued a submission again'
    description: 'A stored submission had never been pre-checked (its queue send was lost) and the reconciler queued it again. Nothing is lost, but a hand-off is failing: check the storage queue\'s health.'
    severity: 2
    query: 'customMetrics | where name == "mbcintake.reconciler.requeued" | summarize Requeued = sum(value)'
    timeAggregation: 'Total'
    metricMeasureColumn: 'Requeued'
    dimensions: []
    windowSize: 'PT15M'
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        appInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: rule.windowSize
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: rule.timeAggregation
            metricMeasureColumn: rule.metricMeasureColumn
            dimensions: rule.dimensions
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      // Resolved by itself once the condition clears (the poison queue is replayed, the errors stop).
      autoMitigate: true
      // The tables hold no rows before the app's first telemetry; the queries are checked by a test instead.
      skipQueryValidation: true
      actions: {
        actionGroups: [
          operations.id
        ]
      }
    }
  }
]

output actionGroupName string = operations.name
