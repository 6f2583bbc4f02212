using static Intake.Core.Tests.Prechecks;

namespace Intake.Core.Tests;

/// <summary><see cref="FollowUps"/>: the question a coordinator asks to settle each Unknown criterion.</summary>
public sealed class FollowUpsTests
{
    private static string[] UnknownIds(Precheck precheck) => [.. precheck.Criteria.Where(c => c.Outcome == Outcome.Unknown).Select(c => c.Id)];

    private static string IdOf(string question) => question[..question.IndexOf(':', StringComparison.Ordinal)];

    [Fact]
    public void Each_unknown_criterion_gets_one_question_in_criterion_order()
    {
        var precheck = Run(AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown, Ecog = null, CanConsent = YesNoUnknown.Unknown });

        var questions = FollowUps.For(SubmissionKind.SelfScreening, precheck);

        Assert.Equal(["I4", "I8", "I9"], questions.Select(IdOf));
        Assert.StartsWith("I4: Ask the patient", questions[0], StringComparison.Ordinal);
        Assert.StartsWith("I8: Ask the patient", questions[1], StringComparison.Ordinal);
        Assert.StartsWith("I9: Ask the patient", questions[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SubmissionKind.SelfScreening)]
    [InlineData(SubmissionKind.Referral)]
    public void Nothing_answered_gives_a_distinct_question_for_every_unknown_criterion_and_none_for_the_others(SubmissionKind kind)
    {
        var precheck = Run(new Answers());
        var unknown = UnknownIds(precheck);

        var questions = FollowUps.For(kind, precheck);

        Assert.Equal(["I1", "I2", "I3", "I4", "I5", "I7", "I8", "I9", "E3", "E4", "E5"], unknown);
        Assert.Equal(unknown, questions.Select(IdOf));
        Assert.Equal(questions.Count, questions.Distinct(StringComparer.Ordinal).Count());
        // Each is a question written for the criterion, not the criterion's reason repeated.
        Assert.All(questions, q => Assert.Contains(": Ask the ", q, StringComparison.Ordinal));
        Assert.All(precheck.Criteria.Where(c => c.Outcome == Outcome.Unknown),
            c => Assert.DoesNotContain(questions, q => q.EndsWith(c.Reason, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_self_screenings_questions_ask_the_patient_never_the_oncologist()
    {
        var questions = FollowUps.For(SubmissionKind.SelfScreening, Run(new Answers()));

        Assert.All(questions, q =>
        {
            Assert.Contains(": Ask the patient", q, StringComparison.Ordinal);
            Assert.DoesNotContain("oncologist", q, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void A_referrals_questions_ask_the_referring_oncologist_never_the_patient()
    {
        var questions = FollowUps.For(SubmissionKind.Referral, Run(new Answers()));

        Assert.All(questions, q =>
        {
            Assert.Contains(": Ask the referring oncologist", q, StringComparison.Ordinal);
            Assert.DoesNotContain("Ask the patient", q, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Archived_tissue_unknown_on_a_referral_asks_the_referring_oncologist_about_the_pathology_labs_FFPE_block()
    {
        var precheck = Run(AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown });

        var question = Assert.Single(FollowUps.For(SubmissionKind.Referral, precheck));

        Assert.StartsWith("I4: Ask the referring oncologist", question, StringComparison.Ordinal);
        Assert.Contains("pathology lab", question, StringComparison.Ordinal);
        Assert.Contains("FFPE block", question, StringComparison.Ordinal);
        Assert.Contains("fresh frozen", question, StringComparison.Ordinal);
    }

    [Fact]
    public void Archived_tissue_unknown_on_a_self_screening_asks_the_patient_where_surgery_was_done()
    {
        var precheck = Run(AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown });

        var question = Assert.Single(FollowUps.For(SubmissionKind.SelfScreening, precheck));

        Assert.StartsWith("I4: Ask the patient", question, StringComparison.Ordinal);
        Assert.Contains("pathology lab", question, StringComparison.Ordinal);
        Assert.Contains("FFPE block", question, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_unknown_is_worded_differently_for_a_patient_and_for_an_oncologist()
    {
        var precheck = Run(AnswerSets.Baseline with { Ecog = null });

        var patient = Assert.Single(FollowUps.For(SubmissionKind.SelfScreening, precheck));
        var oncologist = Assert.Single(FollowUps.For(SubmissionKind.Referral, precheck));

        Assert.NotEqual(patient, oncologist);
        Assert.Contains("ECOG", oncologist, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SubmissionKind.SelfScreening)]
    [InlineData(SubmissionKind.Referral)]
    public void No_unknown_criterion_means_no_question(SubmissionKind kind)
    {
        var likelyEligible = Run(AnswerSets.Baseline);
        var screenedOut = Run(AnswerSets.Baseline with { Ecog = 3 });

        Assert.Empty(FollowUps.For(kind, likelyEligible));
        Assert.Empty(FollowUps.For(kind, screenedOut));
    }

    [Fact]
    public void Clinician_review_and_not_applicable_criteria_get_no_question()
    {
        // A self-screening: E1, E2, E6 are ClinicianReview; I6 is NotApplicable for a liver source.
        var precheck = Run(AnswerSets.Baseline with { LocalAnestheticAllergy = YesNoUnknown.Unknown });

        Assert.Contains(precheck.Criteria, c => c.Outcome == Outcome.ClinicianReview);
        Assert.Equal(Outcome.NotApplicable, precheck["I6"].Outcome);
        Assert.Equal(["E4"], FollowUps.For(SubmissionKind.SelfScreening, precheck).Select(IdOf));
    }
}
