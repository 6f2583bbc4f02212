using CsCheck;
using Hl7.Fhir.Model;
using Intake.Core.Fhir;
using Intake.Testing;

namespace Intake.Core.Tests;

/// <summary>
/// A stored submission as FHIR (api-2.md, <c>GET /api/submissions/{id}/fhir</c>): every resource
/// validates against the R4 core specification with no profile, the ResearchSubject's status follows
/// the team status, and the pre-check is one Observation per criterion and one for the result.
/// </summary>
public sealed class FhirSubmissionBundleTests
{
    private static readonly PrecheckEngine Engine = new(RuleSet.Nct03737695);
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [MemberData(nameof(FhirReferralReadingTests.Examples), MemberType = typeof(FhirReferralReadingTests))]
    public void Public_example_validates_as_a_referral_and_as_a_self_screening(string changed, Answers answers)
    {
        foreach (var kind in Enum.GetValues<SubmissionKind>())
        {
            var bundle = SubmissionBundle.Build(File(answers, kind, Today, TeamStatus.New, precheck: true));
            AssertValid(bundle, $"{changed} ({kind})");
        }
    }

    [Fact]
    public void Random_submissions_validate_in_every_team_status_with_and_without_a_precheck()
    {
        var statuses = Enum.GetValues<TeamStatus>();
        Gen.Select(PropertyTests.GenCase, Gen.Enum<SubmissionKind>(), Gen.Int[0, statuses.Length - 1], Gen.Bool).Sample((c, kind, status, precheck) =>
        {
            var answers = kind == SubmissionKind.Referral ? c.Answers : c.Answers with { ResearchBiopsyPlan = null, OncologistConcerns = null };
            AssertValid(SubmissionBundle.Build(File(answers, kind, c.Today, statuses[status], precheck)), "a random submission");
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Every_QuestionnaireResponse_of_random_answers_validates()
    {
        PropertyTests.GenCase.Sample(c =>
        {
            var response = new QuestionnaireResponse
            {
                Questionnaire = FhirCanonical.QuestionnaireReference,
                Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
                Item = FhirAnswers.ItemsOf(c.Answers, SubmissionKind.Referral),
            };
            FhirValidation.AssertValid(response, "a QuestionnaireResponse");
        }, iter: 200, threads: 1);
    }

    [Theory]
    [InlineData(TeamStatus.New, "potential-candidate")]
    [InlineData(TeamStatus.Contacted, "candidate")]
    [InlineData(TeamStatus.Scheduled, "pending-on-study")]
    [InlineData(TeamStatus.Enrolled, "on-study")]
    [InlineData(TeamStatus.NotEligible, "ineligible")]
    [InlineData(TeamStatus.Declined, "not-registered")]
    [InlineData(TeamStatus.Unreachable, "not-registered")]
    public void ResearchSubject_of_NCT03737695_takes_its_status_from_the_team_status(TeamStatus status, string expected)
    {
        var bundle = SubmissionBundle.Build(File(SpecExamples.Baseline, SubmissionKind.Referral, Today, status, precheck: true));

        var subject = FhirReferrals.Resource<ResearchSubject>(bundle);
        Assert.Equal(expected, Hl7.Fhir.Utility.EnumUtility.GetLiteral(subject.Status));
        var study = FhirReferrals.Resource<ResearchStudy>(bundle);
        Assert.Equal(("https://clinicaltrials.gov", "NCT03737695"), (study.Identifier[0].System, study.Identifier[0].Value));
        Assert.Equal(bundle.Entry[FhirReferrals.IndexOf<ResearchStudy>(bundle)].FullUrl, subject.Study.Reference);
        Assert.Equal("NCT03737695", subject.Study.Identifier?.Value);
        Assert.Equal(bundle.Entry[FhirReferrals.IndexOf<Patient>(bundle)].FullUrl, subject.Individual.Reference);
    }

    [Fact]
    public void Precheck_is_an_Observation_per_criterion_and_one_for_result_priority_and_rule_set()
    {
        var answers = SpecExamples.Baseline with { Ecog = 3 };
        var file = File(answers, SubmissionKind.Referral, Today, TeamStatus.New, precheck: true);
        var precheck = file.Submission.Precheck!;
        var bundle = SubmissionBundle.Build(file);

        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToList();
        Assert.Equal(precheck.Criteria.Count + 1, observations.Count);
        var result = observations[0];
        Assert.Equal((FhirCanonical.CodeSystemUrl("precheck"), "result", precheck.RulesetVersion),
            (result.Code.Coding[0].System, result.Code.Coding[0].Code, result.Code.Coding[0].Version));
        Assert.Equal("LikelyIneligible", CodeOf(result.Value));
        Assert.DoesNotContain(result.Component, c => c.Code.Coding[0].Code == "priority");
        Assert.Equal(precheck.Criteria.Count, result.HasMember.Count);
        foreach (var (criterion, observation) in precheck.Criteria.Zip(observations.Skip(1)))
        {
            Assert.Equal(criterion.Id, observation.Code.Coding[0].Code);
            Assert.Equal(precheck.RulesetVersion, observation.Code.Coding[0].Version);
            Assert.Equal(criterion.Outcome.ToString(), CodeOf(observation.Value));
            Assert.Equal(criterion.Reason, observation.Note[0].Text);
        }

        var eligible = SubmissionBundle.Build(File(SpecExamples.Baseline, SubmissionKind.Referral, Today, TeamStatus.New, precheck: true));
        var summary = eligible.Entry.Select(e => e.Resource).OfType<Observation>().First();
        Assert.Equal("High", CodeOf(summary.Component.Single(c => c.Code.Coding[0].Code == "priority").Value));
        Assert.Equal("liver", CodeOf(summary.Component.Single(c => c.Code.Coding[0].Code == "collectionSource").Value));
    }

    [Fact]
    public void Entries_keep_their_fullUrls_from_one_read_to_the_next()
    {
        var file = File(SpecExamples.Baseline, SubmissionKind.Referral, Today, TeamStatus.New, precheck: true);

        Assert.Equal(SubmissionBundle.Build(file).Entry.Select(e => e.FullUrl), SubmissionBundle.Build(file).Entry.Select(e => e.FullUrl));
        Assert.All(SubmissionBundle.Build(file).Entry, e => Assert.StartsWith("urn:uuid:", e.FullUrl));
    }

    private static string? CodeOf(DataType? value) => Assert.IsType<CodeableConcept>(value).Coding[0].Code;

    private static void AssertValid(Bundle bundle, string what)
    {
        FhirValidation.AssertValid(bundle, what);
        foreach (var entry in bundle.Entry)
        {
            Assert.Empty(entry.Resource!.Meta?.Profile ?? []);
        }
    }

    private static SubmissionFile File(Answers answers, SubmissionKind kind, DateOnly today, TeamStatus status, bool precheck)
    {
        var id = Guid.NewGuid().ToString("D");
        var submission = new Submission
        {
            Id = id,
            Kind = kind,
            ReceivedAt = new DateTimeOffset(today.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero),
            ReceivedOn = today,
            Answers = answers,
            Fingerprint = "",
            TeamStatus = status,
            Precheck = precheck ? Engine.Evaluate(answers, today) : null,
            EvaluatedAt = precheck ? new DateTimeOffset(today.ToDateTime(new TimeOnly(15, 1)), TimeSpan.Zero) : null,
        };
        return new SubmissionFile(submission, FhirReferrals.Patient with { PreferredLanguage = kind == SubmissionKind.Referral ? "es" : null },
            kind == SubmissionKind.Referral ? FhirReferrals.Oncologist : null, []);
    }
}
