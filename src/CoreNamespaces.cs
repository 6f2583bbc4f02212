// The domain's namespaces, one per folder of src/Intake.Core (answers, rules, workflows, stores, ...),
// in scope in every file of every project of the solution (Directory.Build.targets compiles this
// file into each).
global using Intake.Core.Access;
global using Intake.Core.Calendar;
global using Intake.Core.Challenge;
global using Intake.Core.Contract;
global using Intake.Core.ClinicalAnswers;
global using Intake.Core.ClinicalAnswers.Stored;
global using Intake.Core.Erasure;
global using Intake.Core.Export;
global using Intake.Core.Fhir;
global using Intake.Core.Passes;
global using Intake.Core.People;
global using Intake.Core.Rules;
global using Intake.Core.Rules.Criteria;
global using Intake.Core.Stores;
global using Intake.Core.Submissions;
global using Intake.Core.Workflows.Alerts;
global using Intake.Core.Workflows.Receiving;
global using Intake.Core.Workflows.Rechecking;
global using Intake.Core.Workflows.Reconciling;
global using Intake.Core.Workflows.Removal;
global using Intake.Core.Workflows.Reporting;
global using Intake.Core.Workflows.Routing;
global using Intake.Core.Workflows.Team;
global using Intake.Core.Worklists;
