using CsCheck;

namespace Intake.Core.Tests;

/// <summary>
/// Properties of the pre-check over random answer sets and random days (eligibility.md,
/// "Outcomes", "Routing priority", "Clarifications"): whatever the answers, evaluation never
/// throws, lists the fifteen criteria in order, and derives result and priority as the spec says.
/// </summary>
public sealed class PropertyTests
{
    private const long Iterations = 10_000;

    private static readonly PrecheckEngine Engine = new(RuleSet.Nct03737695);

    private static readonly string[] CriterionIds = ["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "E1", "E2", "E3", "E4", "E5", "E6"];

    /// <summary>A site's date from 2024 to 2033.</summary>
    public static readonly Gen<DateOnly> GenToday = Gen.Int[0, 3652].Select(d => new DateOnly(2024, 1, 1).AddDays(d));

    private static readonly Gen<bool?> GenConcern = Gen.Bool.Nullable(0.25);

    /// <summary>
    /// Answers as a submission could carry them on <paramref name="today"/>: every field may be
    /// missing; every enumeration value occurs; sites lists may be empty or repeat a site;
    /// scheduled biopsies fall from 30 days before to 30 days after today; dates of birth from
    /// 0 to 100 years back, often near the 18th birthday, sometimes on 29 February.
    /// </summary>
    public static Gen<Answers> GenAnswers(DateOnly today)
    {
        var dateOfBirth = Gen.OneOf(
            Gen.Int[0, 36_500].Select(d => today.AddDays(-d)),
            Gen.Int[-3, 3].Select(d => today.AddYears(-18).AddDays(d)),
            Gen.Int[1924, 2008].Where(DateTime.IsLeapYear).Select(y => new DateOnly(y, 2, 29)).Where(d => d <= today))
            .Nullable(0.15);
        var sites = Gen.OneOf(
                Gen.Enum<Site>().ArrayUnique[0, 4],
                Gen.Enum<Site>().Array[0, 6])
            .Select(a => (IReadOnlyList<Site>)a)
            .Null(0.15);
        var biopsy = Gen.Select(Gen.Enum<Site>(), Gen.Int[-30, 30], (site, days) => new ScheduledClinicalBiopsy(site, today.AddDays(days))).Null(0.4);
        var plan = Gen.Select(Gen.Enum<Site>(), Gen.Enum<Anesthesia>().Nullable(0.2), (site, anesthesia) => new ResearchBiopsyPlan(site, anesthesia)).Null(0.5);
        var concerns = Gen.Select(GenConcern, GenConcern, GenConcern, (a, b, c) => new OncologistConcerns(a, b, c)).Null(0.4);
        var yesNo = Gen.Enum<YesNoUnknown>().Nullable(0.15);

        return
            from dob in dateOfBirth
            from sex in Gen.Enum<Sex>().Nullable(0.15)
            from breastCancer in Gen.Enum<BreastCancerDiagnosis>().Nullable(0.15)
            from distantMetastasis in yesNo
            from metastaticSites in sites
            from diseaseStatus in Gen.Enum<DiseaseStatus>().Nullable(0.15)
            from primaryTissue in Gen.Enum<PrimaryTissue>().Nullable(0.15)
            from scheduledClinicalBiopsy in biopsy
            from willingResearchBiopsy in yesNo
            from researchBiopsyPlan in plan
            from effusionCytologyConfirmed in yesNo
            from ecog in Gen.Int[0, 4].Nullable(0.15)
            from canConsent in yesNo
            from pregnant in yesNo
            from localAnestheticAllergy in yesNo
            from cognitiveImpairment in yesNo
            from oncologistConcerns in concerns
            select new Answers
            {
                DateOfBirth = dob,
                Sex = sex,
                BreastCancer = breastCancer,
                DistantMetastasis = distantMetastasis,
                MetastaticSites = metastaticSites,
                DiseaseStatus = diseaseStatus,
                PrimaryTissue = primaryTissue,
                ScheduledClinicalBiopsy = scheduledClinicalBiopsy,
                WillingResearchBiopsy = willingResearchBiopsy,
                ResearchBiopsyPlan = researchBiopsyPlan,
                EffusionCytologyConfirmed = effusionCytologyConfirmed,
                Ecog = ecog,
                CanConsent = canConsent,
                Pregnant = pregnant,
                LocalAnestheticAllergy = localAnestheticAllergy,
                CognitiveImpairment = cognitiveImpairment,
                OncologistConcerns = oncologistConcerns,
            };
    }

    /// <summary>A random day and answers for it.</summary>
    public static readonly Gen<(Answers Answers, DateOnly Today)> GenCase =
        from today in GenToday
        from answers in GenAnswers(today)
        select (answers, today);

    /// <summary>
    /// Answers that lean towards passing every criterion, so that LikelyEligible, NeedsReview and
    /// Urgent occur often and not only LikelyIneligible.
    /// </summary>
    public static readonly Gen<(Answers Answers, DateOnly Today)> GenPromisingCase =
        from today in GenToday
        from answers in GenAnswers(today)
        from keepUnknowns in Gen.Bool
        select (Promising(answers, today, keepUnknowns), today);

    private static Answers Promising(Answers a, DateOnly today, bool keepUnknowns)
    {
        // Replace every answer that would rule the person out; keep "not answered" when asked to.
        static T? Pass<T>(T? value, T pass, bool keep, params T[] failing) where T : struct =>
            value is { } v && failing.Contains(v) ? pass : value is null && !keep ? pass : value;
        return a with
        {
            DateOfBirth = a.DateOfBirth is { } d && Age.On(d, today) < 18 ? today.AddYears(-40) : a.DateOfBirth ?? (keepUnknowns ? null : today.AddYears(-50)),
            BreastCancer = Pass(a.BreastCancer, BreastCancerDiagnosis.InvasiveSuspected, keepUnknowns, BreastCancerDiagnosis.InSituOnly, BreastCancerDiagnosis.None),
            DistantMetastasis = Pass(a.DistantMetastasis, YesNoUnknown.Yes, keepUnknowns, YesNoUnknown.No),
            DiseaseStatus = Pass(a.DiseaseStatus, DiseaseStatus.DeNovoStageIV, keepUnknowns, DiseaseStatus.Stable),
            PrimaryTissue = Pass(a.PrimaryTissue, PrimaryTissue.FreshFrozen, keepUnknowns, PrimaryTissue.None),
            WillingResearchBiopsy = YesNoUnknown.Yes,
            ResearchBiopsyPlan = null,
            MetastaticSites = [Site.Bone, .. a.MetastaticSites ?? []],
            EffusionCytologyConfirmed = Pass(a.EffusionCytologyConfirmed, YesNoUnknown.Yes, keepUnknowns, YesNoUnknown.No),
            Ecog = a.Ecog > 2 ? 2 : a.Ecog ?? (keepUnknowns ? null : 0),
            CanConsent = Pass(a.CanConsent, YesNoUnknown.Yes, keepUnknowns, YesNoUnknown.No),
            Pregnant = Pass(a.Pregnant, YesNoUnknown.No, keepUnknowns, YesNoUnknown.Yes),
            LocalAnestheticAllergy = Pass(a.LocalAnestheticAllergy, YesNoUnknown.No, keepUnknowns, YesNoUnknown.Yes),
            CognitiveImpairment = Pass(a.CognitiveImpairment, YesNoUnknown.No, keepUnknowns, YesNoUnknown.Yes),
            OncologistConcerns = a.OncologistConcerns is { } c
                ? new(c.SeriousComorbidity == true ? false : c.SeriousComorbidity, c.BiopsySafetyRisk == true ? false : c.BiopsySafetyRisk, c.HazardousCondition == true ? false : c.HazardousCondition)
                : null,
        };
    }

    private static string Show((Answers Answers, DateOnly Today) c) => $"today {c.Today:yyyy-MM-dd}: {AnswersWriter.ToJson(c.Answers)}";

    private static void Sample(Gen<(Answers Answers, DateOnly Today)> gen, Action<Answers, DateOnly> assert) =>
        gen.Sample(c => assert(c.Answers, c.Today), iter: Iterations, print: Show);

    private static bool InUrgentWindow(Answers answers, DateOnly today) =>
        answers.ScheduledClinicalBiopsy is { } b && b.Date >= today && b.Date <= today.AddDays(14);

    public static TheoryData<string> Generators => ["random", "promising"];

    private static Gen<(Answers Answers, DateOnly Today)> Named(string name) => name == "random" ? GenCase : GenPromisingCase;

    [Theory]
    [MemberData(nameof(Generators))]
    public void Evaluation_never_throws_and_lists_the_fifteen_criteria_in_order(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            Assert.Equal(CriterionIds, precheck.Criteria.Select(c => c.Id));
            Assert.All(precheck.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason), $"{c.Id} has no reason"));
            Assert.All(precheck.Criteria, c => Assert.True(Enum.IsDefined(c.Outcome)));
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void Precheck_records_the_day_and_rule_set_version_it_was_given(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            Assert.Equal(today, precheck.Today);
            Assert.Equal(RuleSet.Nct03737695.Version, precheck.RulesetVersion);
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void Result_follows_from_the_outcomes(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            var anyNotMet = precheck.Criteria.Any(c => c.Outcome == Outcome.NotMet);
            var anyUnknown = precheck.Criteria.Any(c => c.Outcome == Outcome.Unknown);
            var expected = anyNotMet ? PrecheckResult.LikelyIneligible
                : anyUnknown ? PrecheckResult.NeedsReview
                : PrecheckResult.LikelyEligible;
            Assert.Equal(expected, precheck.Result);
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void Any_not_met_means_likely_ineligible_with_no_priority(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            if (precheck.Criteria.Any(c => c.Outcome == Outcome.NotMet))
            {
                Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
                Assert.Null(precheck.Priority);
            }
            else
            {
                Assert.NotEqual(PrecheckResult.LikelyIneligible, precheck.Result);
                Assert.NotNull(precheck.Priority);
            }
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void No_not_met_and_some_unknown_means_needs_review(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            if (precheck.Criteria.All(c => c.Outcome != Outcome.NotMet) && precheck.Criteria.Any(c => c.Outcome == Outcome.Unknown))
            {
                Assert.Equal(PrecheckResult.NeedsReview, precheck.Result);
                Assert.Contains(precheck.Priority, new Priority?[] { Priority.Normal, Priority.Urgent });
            }
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void Clinician_review_alone_does_not_block_likely_eligible(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            if (precheck.Criteria.All(c => c.Outcome is Outcome.Met or Outcome.NotApplicable or Outcome.ClinicianReview))
            {
                Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
                Assert.Contains(precheck.Priority, new Priority?[] { Priority.High, Priority.Urgent });
            }
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void Urgent_exactly_when_a_clinical_biopsy_is_due_within_14_days_and_the_result_is_routed(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            var routed = precheck.Result != PrecheckResult.LikelyIneligible;
            if (precheck.Priority == Priority.Urgent)
            {
                Assert.True(InUrgentWindow(answers, today), "Urgent without a clinical biopsy from today to today + 14 days");
            }
            Assert.Equal(routed && InUrgentWindow(answers, today), precheck.Priority == Priority.Urgent);
            if (routed && !InUrgentWindow(answers, today))
            {
                Assert.Equal(precheck.Result == PrecheckResult.LikelyEligible ? Priority.High : Priority.Normal, precheck.Priority);
            }
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void A_precheck_changes_on_no_day_before_its_recheck_date_and_does_change_on_it(string generator) =>
        Named(generator).Sample(c =>
        {
            var (answers, today) = c;
            var precheck = Engine.Evaluate(answers, today);
            var recheck = precheck.RecheckOn!.Value;
            Assert.True(recheck > today, $"re-check on {recheck:yyyy-MM-dd}, not after {today:yyyy-MM-dd}");
            // Every day up to the re-check date (or 60 days, past every biopsy the generator makes) is judged alike.
            var last = recheck == DateOnly.MaxValue || recheck.DayNumber - today.DayNumber > 60 ? today.AddDays(60) : recheck.AddDays(-1);
            for (var day = today.AddDays(1); day <= last; day = day.AddDays(1))
            {
                Assert.False(PrecheckDiff.Differs(precheck, Engine.Evaluate(answers, day)), $"changes on {day:yyyy-MM-dd}, before its re-check date {recheck:yyyy-MM-dd}");
            }
            if (recheck != DateOnly.MaxValue)
            {
                Assert.True(PrecheckDiff.Differs(precheck, Engine.Evaluate(answers, recheck)), $"nothing changes on its re-check date {recheck:yyyy-MM-dd}");
            }
        }, iter: 2_000, print: Show);

    [Theory]
    [MemberData(nameof(Generators))]
    public void Same_answers_evaluated_twice_give_equal_results(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var first = Engine.Evaluate(answers, today);
            var second = new PrecheckEngine(RuleSet.Nct03737695).Evaluate(answers with { }, today);
            Assert.Equal(first.Result, second.Result);
            Assert.Equal(first.Priority, second.Priority);
            Assert.Equal(first.CollectionSource, second.CollectionSource);
            Assert.Equal(first.Criteria, second.Criteria);
            Assert.Equal(first.RulesetVersion, second.RulesetVersion);
            Assert.Equal(first.Today, second.Today);
        });

    [Theory]
    [MemberData(nameof(Generators))]
    public void Only_the_criteria_that_can_give_an_outcome_give_it(string generator) =>
        Sample(Named(generator), (answers, today) =>
        {
            var precheck = Engine.Evaluate(answers, today);
            foreach (var c in precheck.Criteria)
            {
                if (c.Outcome == Outcome.ClinicianReview)
                {
                    Assert.Contains(c.Id, new[] { "E1", "E2", "E6" });
                }
                if (c.Outcome == Outcome.NotApplicable)
                {
                    Assert.Equal("I6", c.Id);
                }
                if (c.Id is "E1" or "E2" or "E6")
                {
                    Assert.NotEqual(Outcome.Unknown, c.Outcome);
                }
            }
            if (answers.Sex == Sex.Male)
            {
                Assert.Equal(Outcome.Met, precheck["E5"].Outcome);
            }
        });

    [Fact]
    public void Written_answers_read_back_equal_for_random_answers() =>
        GenCase.Sample(c =>
        {
            // The reader drops repeated sites, so the answers written carry none.
            var answers = c.Answers with { MetastaticSites = c.Answers.MetastaticSites?.Distinct().ToArray() };
            var errors = new FieldErrors();
            var read = AnswersReader.Parse(AnswersWriter.ToJson(answers), SubmissionKind.Referral, c.Today, errors);
            Assert.True(errors.IsEmpty, string.Join(" | ", errors.ToDictionary().Select(p => $"{p.Key}: {string.Join(" / ", p.Value)}")));
            Assert.Equal(answers, read);
        }, iter: Iterations, print: Show);

    [Fact]
    public void Generators_reach_every_result_and_priority()
    {
        // Guards the generators: the properties above mean little if a result never occurs.
        var seen = new HashSet<(PrecheckResult, Priority?)>();
        var lockObject = new object();
        foreach (var gen in new[] { GenCase, GenPromisingCase })
        {
            gen.Sample(c =>
            {
                var p = Engine.Evaluate(c.Answers, c.Today);
                lock (lockObject)
                {
                    seen.Add((p.Result, p.Priority));
                }
            }, iter: 5_000);
        }
        Assert.Contains((PrecheckResult.LikelyIneligible, (Priority?)null), seen);
        Assert.Contains((PrecheckResult.NeedsReview, (Priority?)Priority.Normal), seen);
        Assert.Contains((PrecheckResult.NeedsReview, (Priority?)Priority.Urgent), seen);
        Assert.Contains((PrecheckResult.LikelyEligible, (Priority?)Priority.High), seen);
        Assert.Contains((PrecheckResult.LikelyEligible, (Priority?)Priority.Urgent), seen);
    }
}
