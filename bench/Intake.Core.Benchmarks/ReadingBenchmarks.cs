using BenchmarkDotNet.Attributes;

namespace Intake.Core.Benchmarks;

/// <summary>Reading a submission's answers from JSON text, strictly (AnswersReader.Parse).</summary>
[MemoryDiagnoser]
public class ReadingBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private const string BaselineJson = """
        {
          "dateOfBirth": "1972-03-15", "sex": "female", "breastCancer": "invasiveConfirmed",
          "distantMetastasis": "yes", "metastaticSites": ["bone", "liver"], "diseaseStatus": "progressing",
          "primaryTissue": "ffpe", "willingResearchBiopsy": "yes", "ecog": 1, "canConsent": "yes",
          "pregnant": "no", "localAnestheticAllergy": "no", "cognitiveImpairment": "no"
        }
        """;

    private const string ReferralJson = """
        {
          "dateOfBirth": "1972-03-15", "sex": "female", "breastCancer": "invasiveConfirmed",
          "distantMetastasis": "yes", "metastaticSites": ["brain", "lung"], "diseaseStatus": "progressing",
          "primaryTissue": "ffpe", "scheduledClinicalBiopsy": { "site": "brain", "date": "2026-12-01" },
          "willingResearchBiopsy": "yes", "researchBiopsyPlan": { "site": "lymphNodeSoftTissue", "anesthesia": "local" },
          "ecog": 1, "canConsent": "yes", "pregnant": "no", "localAnestheticAllergy": "no", "cognitiveImpairment": "no",
          "oncologistConcerns": { "seriousComorbidity": false, "biopsySafetyRisk": false, "hazardousCondition": false }
        }
        """;

    [GlobalSetup]
    public void Check()
    {
        foreach (var (json, kind) in new[] { (BaselineJson, SubmissionKind.SelfScreening), (ReferralJson, SubmissionKind.Referral) })
        {
            var errors = new FieldErrors();
            if (AnswersReader.Parse(json, kind, Today, errors) is null)
            {
                throw new InvalidOperationException(string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            }
        }
    }

    [Benchmark(Description = "Parse: baseline self-screening")]
    public Answers? ParseBaseline() => AnswersReader.Parse(BaselineJson, SubmissionKind.SelfScreening, Today, new FieldErrors());

    [Benchmark(Description = "Parse: full referral")]
    public Answers? ParseReferral() => AnswersReader.Parse(ReferralJson, SubmissionKind.Referral, Today, new FieldErrors());
}
