using Hl7.Fhir.Model;

namespace Intake.Core.Fhir;

/// <summary>
/// The code systems the service publishes (<c>GET /fhir/CodeSystem/{id}</c>): one per enumeration of
/// the answers, whose codes are the enumeration's JSON strings (<see cref="Questions"/>), and the
/// pre-check's (criteria, outcomes, results, priorities), whose codes are api.md's strings.
/// </summary>
public static class ServiceCodeSystems
{
    /// <summary>The code system of the criteria and the pre-check's other observations.</summary>
    public const string Precheck = "precheck";

    /// <summary>The code system of a criterion's outcome.</summary>
    public const string Outcome = "precheck-outcome";

    /// <summary>The code system of a pre-check's overall result.</summary>
    public const string Result = "precheck-result";

    /// <summary>The code system of a routing priority.</summary>
    public const string Priority = "precheck-priority";

    /// <summary>The code in <see cref="Precheck"/> of the pre-check's overall result.</summary>
    public const string ResultCode = "result";

    /// <summary>The code in <see cref="Precheck"/> of the routing priority.</summary>
    public const string PriorityCode = "priority";

    /// <summary>The code in <see cref="Precheck"/> of the collection source.</summary>
    public const string CollectionSourceCode = "collectionSource";

    private static readonly Type[] AnswerEnumerations =
        [typeof(YesNoUnknown), typeof(Sex), typeof(BreastCancerDiagnosis), typeof(DiseaseStatus), typeof(PrimaryTissue), typeof(Site), typeof(Anesthesia)];

    /// <summary>The id of the code system of an answer's enumeration (<c>YesNoUnknown</c> is <c>yes-no-unknown</c>).</summary>
    public static string IdOf(Type enumeration) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(enumeration.Name);

    /// <summary>The canonical URL of the code system of an answer's enumeration.</summary>
    public static string SystemOf(Type enumeration) => FhirCanonical.CodeSystemUrl(IdOf(enumeration));

    /// <summary>Every id the service publishes.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. AnswerEnumerations.Select(IdOf), Precheck, Outcome, Result, Priority];

    /// <summary>The code system with id <paramref name="id"/>, or <c>null</c> when there is none.</summary>
    public static CodeSystem? Find(string id)
    {
        if (AnswerEnumerations.FirstOrDefault(e => IdOf(e) == id) is { } enumeration)
        {
            return Build(id, enumeration.Name, $"Answers: {Spaced(enumeration.Name)}", FhirCanonical.QuestionnaireVersion,
                Questions.Codes(enumeration).Select(code => (code, Questions.OptionText(enumeration, code).English, (string?)Questions.OptionText(enumeration, code).Spanish)));
        }
        var rules = RuleSet.Nct03737695;
        return id switch
        {
            Precheck => Build(id, "Precheck", "Pre-check of NCT03737695: the result, the priority, the collection source and each criterion", rules.Version,
                [(ResultCode, "Pre-check result", null), (PriorityCode, "Routing priority", null), (CollectionSourceCode, "Collection source", null),
                    .. rules.Criteria.Select(c => (c.Id, c.ProtocolText, (string?)null))]),
            Outcome => Build(id, "PrecheckOutcome", "Outcome of one pre-check criterion", rules.Version,
            [
                (nameof(Rules.Outcome.Met), "The answers satisfy the criterion", null),
                (nameof(Rules.Outcome.NotMet), "The answers rule the person out on this criterion", null),
                (nameof(Rules.Outcome.Unknown), "An answer needed for this criterion is missing or unsure", null),
                (nameof(Rules.Outcome.NotApplicable), "The criterion does not apply", null),
                (nameof(Rules.Outcome.ClinicianReview), "Only the treating oncologist or the biopsy provider can judge it, and the submission does not say", null),
            ]),
            Result => Build(id, "PrecheckResult", "Overall pre-check result (it sorts; it never decides eligibility)", rules.Version,
            [
                (nameof(PrecheckResult.LikelyEligible), "No criterion is NotMet or Unknown", null),
                (nameof(PrecheckResult.NeedsReview), "No criterion is NotMet, at least one is Unknown", null),
                (nameof(PrecheckResult.LikelyIneligible), "At least one criterion is NotMet", null),
            ]),
            Priority => Build(id, "PrecheckPriority", "Routing priority on the study team's worklist", rules.Version,
            [
                (nameof(Rules.Priority.Urgent), "A clinically directed biopsy is scheduled within the urgent window", null),
                (nameof(Rules.Priority.High), "Likely eligible", null),
                (nameof(Rules.Priority.Normal), "Needs review", null),
            ]),
            _ => null,
        };
    }

    private static CodeSystem Build(string id, string name, string title, string version, IEnumerable<(string Code, string Display, string? Spanish)> concepts) => new()
    {
        Id = id,
        Url = FhirCanonical.CodeSystemUrl(id),
        Version = version,
        Name = name,
        Title = title,
        Status = PublicationStatus.Active,
        Experimental = false,
        Publisher = "NCT03737695 intake",
        CaseSensitive = true,
        Content = CodeSystemContentMode.Complete,
        Concept = concepts.Select(c => new CodeSystem.ConceptDefinitionComponent
        {
            Code = c.Code,
            Display = c.Display,
            Designation = c.Spanish is { } es ? [new CodeSystem.DesignationComponent { Language = "es", Value = es }] : [],
        }).ToList(),
    };

    private static string Spaced(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name).Replace('_', ' ');
}
