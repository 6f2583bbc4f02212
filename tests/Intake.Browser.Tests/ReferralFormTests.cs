using System.Text.Json.Nodes;

namespace Intake.Browser.Tests;

/// <summary>The oncologist's referral form at <c>/refer</c>.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferralFormTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public Task A_referral_is_sent_from_the_referral_page_and_arrives_with_its_answers_patient_and_referrer() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(A_referral_is_sent_from_the_referral_page_and_arrives_with_its_answers_patient_and_referrer), async browser =>
        {
            var answers = ReferralForm.BaselineAnswers();
            answers["scheduledClinicalBiopsy"] = new JsonObject { ["site"] = "liver", ["date"] = Submissions.Iso(Submissions.Today.AddDays(30)) };
            var form = await ReferralForm.OpenAsync(browser.Page);
            await form.FillAsync(answers, new PatientContact("Grace Referred", null, "+1 507 555 0101"),
                new Referrer("Dr. Lin", "Example Oncology", "lin@example.org", null));

            var id = await form.SendAsync();

            var submission = await Submissions.GetAsync(service.Host, id);
            Assert.Equal("referral", (string?)submission["kind"]);
            Submissions.AssertSameAnswers(answers, submission["answers"]);
            Assert.Equal("Grace Referred", (string?)submission["contact"]!["name"]);
            Assert.Equal("+1 507 555 0101", (string?)submission["contact"]!["phone"]);
            Assert.Equal("Dr. Lin", (string?)submission["referrer"]!["name"]);
            Assert.Equal("Example Oncology", (string?)submission["referrer"]!["institution"]);
            Assert.Equal("lin@example.org", (string?)submission["referrer"]!["email"]);
        });
}
