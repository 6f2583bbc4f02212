using System.Text;

namespace Intake.LocalHost.Tests;

/// <summary>The FHIR route's malformed bodies are what they claim, before any is sent: many, each one refused by the service's own reading.</summary>
public sealed class MalformedFhirBodiesTests
{
    [Fact]
    public void There_are_over_a_thousand_and_the_service_reading_takes_none_but_the_Bundle_they_start_from()
    {
        Assert.True(MalformedFhirBodies.ReadsAsValid(Encoding.UTF8.GetBytes(MalformedFhirBodies.ValidBody().ToJsonString()), "application/fhir+json"),
            "The Bundle the damage starts from must itself be valid.");
        var cases = MalformedFhirBodies.For(MalformedBodies.Seed);

        Assert.True(cases.Count >= 1000, $"Only {cases.Count} bodies.");
        var taken = cases.Where(c => MalformedFhirBodies.ReadsAsValid(c.Body, c.ContentType)).ToList();
        Assert.True(taken.Count == 0, $"{taken.Count} bodies read as valid: " + string.Join("; ", taken.Take(15).Select(c => $"#{c.Number} [{c.Category}] {c.Description}")));
    }
}
