using BenchmarkDotNet.Attributes;

namespace Intake.Core.Benchmarks;

/// <summary>
/// One pre-check of one set of answers: the engine's cost per submission (and per daily
/// re-evaluation of an open worklist item). Goal: under 2 µs and 2 KB allocated.
/// </summary>
[MemoryDiagnoser]
public class PrecheckBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private readonly PrecheckEngine _engine = new(RuleSet.Nct03737695);

    /// <summary>eligibility.md's all-Met baseline: a self-screening, LikelyEligible, High.</summary>
    private readonly Answers _baseline = Baseline();

    /// <summary>A referral with a clinical biopsy of the brain in 5 days, a plan and concerns: LikelyEligible, Urgent.</summary>
    private readonly Answers _referralWithBiopsy = Baseline() with
    {
        MetastaticSites = [Site.Brain, Site.Lung],
        ScheduledClinicalBiopsy = new(Site.Brain, Today.AddDays(5)),
        ResearchBiopsyPlan = new(Site.LymphNodeSoftTissue, Anesthesia.Local),
        OncologistConcerns = new(false, false, false),
    };

    /// <summary>Stable disease, ECOG 3, in-situ only: LikelyIneligible on several criteria.</summary>
    private readonly Answers _ineligible = Baseline() with
    {
        BreastCancer = BreastCancerDiagnosis.InSituOnly,
        DiseaseStatus = DiseaseStatus.Stable,
        Ecog = 3,
        MetastaticSites = [Site.Brain],
    };

    private static Answers Baseline() => Intake.Testing.SpecExamples.Baseline;

    [GlobalSetup]
    public void Check()
    {
        // A benchmark of the wrong case measures nothing: make sure each set gives what it claims.
        Expect(_baseline, PrecheckResult.LikelyEligible, Priority.High);
        Expect(_referralWithBiopsy, PrecheckResult.LikelyEligible, Priority.Urgent);
        Expect(_ineligible, PrecheckResult.LikelyIneligible, null);
    }

    private void Expect(Answers answers, PrecheckResult result, Priority? priority)
    {
        var precheck = _engine.Evaluate(answers, Today);
        if (precheck.Result != result || precheck.Priority != priority)
        {
            throw new InvalidOperationException($"expected {result}/{priority}, got {precheck.Result}/{precheck.Priority}");
        }
    }

    [Benchmark(Baseline = true, Description = "Evaluate: baseline (LikelyEligible, High)")]
    public Precheck EvaluateBaseline() => _engine.Evaluate(_baseline, Today);

    [Benchmark(Description = "Evaluate: referral, clinical biopsy in 5 days (Urgent)")]
    public Precheck EvaluateReferralWithBiopsy() => _engine.Evaluate(_referralWithBiopsy, Today);

    [Benchmark(Description = "Evaluate: LikelyIneligible")]
    public Precheck EvaluateIneligible() => _engine.Evaluate(_ineligible, Today);
}
