using System.Text.Json;
using Intake.Core.Fhir;
using Intake.Testing;

namespace Intake.Core.Tests;

/// <summary>docs/fhir.md's example Bundle is what it says: valid R4, and a referral the service takes as it is.</summary>
public sealed class FhirDocsTests
{
    [Fact]
    public void The_documented_referral_Bundle_validates_and_is_read_into_a_referral()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs/fhir.md"));
        var start = doc.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        using var document = JsonDocument.Parse(json, FhirJson.DocumentOptions);
        var issues = new List<FhirIssue>();

        var bundle = FhirJson.ReadBundle(document.RootElement, issues);
        Assert.True(bundle is not null, string.Join(" | ", issues));
        FhirValidation.AssertValid(bundle, "docs/fhir.md's example");
        var draft = ReferralBundleReader.Read(bundle, new DateOnly(2026, 11, 26), issues);

        Assert.True(draft is not null, string.Join(" | ", issues));
        Assert.Equal("6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c6", draft.Id);
        Assert.Equal("Ana Example", draft.Contact.Name);
        Assert.Equal(new Referrer("Dr. Rosa Rivera", "Example Oncology", "rivera@example.org", null), draft.Referrer);
        Assert.Equal([Site.Bone, Site.Liver], draft.Answers.MetastaticSites);
        Assert.Equal(new OncologistConcerns(false, null, null), draft.Answers.OncologistConcerns);
        // The same Bundle as a file, which Intake.Functions.http posts.
        var file = File.ReadAllText(Path.Combine(Repository.Root, "docs/examples/fhir-referral-bundle.json"));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json), System.Text.Json.Nodes.JsonNode.Parse(file)),
            "docs/examples/fhir-referral-bundle.json is not the Bundle docs/fhir.md shows");
    }
}
