using System.Text.Json.Nodes;

namespace Intake.Pipeline.Benchmark;

/// <summary>
/// A realistic mix of bodies: the spec's public examples and random valid answer sets, both
/// channels (about one referral in four), every one with its own client id.
/// </summary>
internal static class Workload
{
    private static readonly string[] Sites = ["breast", "skinChestWall", "lymphNodeSoftTissue", "liver", "bone", "lung", "brain", "pleuralFluid", "ascites", "other"];
    private static readonly string[] YesNoUnsure = ["yes", "no", "unknown"];

    public static (string Route, JsonObject Body)[] Make(int count, DateOnly today, int seed = 20261126)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => Item(i, today, random))];
    }

    /// <summary>
    /// The <paramref name="i"/>th body of the mix, its dates relative to <paramref name="today"/>: a public
    /// example every third, else random answers; a referral every fourth.
    /// </summary>
    public static (string Route, JsonObject Body) Item(int i, DateOnly today, Random random)
    {
        var answers = i % 3 == 0 ? PublicExample(i / 3 % 7, today) : RandomAnswers(random, today);
        var referral = i % 4 == 3;
        if (referral)
        {
            answers["oncologistConcerns"] = new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = random.Next(10) == 0, ["hazardousCondition"] = false };
        }
        var body = referral
            ? new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(), ["answers"] = answers,
                ["patient"] = new JsonObject { ["name"] = $"Bench Patient {i}", ["phone"] = $"+1 507 555 {i % 10000:D4}" },
                ["referrer"] = new JsonObject { ["name"] = "Dr. Bench", ["institution"] = "Bench Oncology", ["email"] = "bench@example.org" },
                ["patientAwareOfReferral"] = true,
            }
            : new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(), ["answers"] = answers,
                ["contact"] = new JsonObject { ["name"] = $"Bench Person {i}", ["email"] = $"person{i}@example.org" },
                ["consentToContact"] = true,
            };
        return (referral ? "/api/referrals" : "/api/screenings", body);
    }

    private static JsonObject Baseline(DateOnly today) => new()
    {
        ["dateOfBirth"] = today.AddYears(-54).ToString("yyyy-MM-dd"), ["sex"] = "female", ["breastCancer"] = "invasiveConfirmed",
        ["distantMetastasis"] = "yes", ["metastaticSites"] = new JsonArray("bone", "liver"), ["diseaseStatus"] = "progressing",
        ["primaryTissue"] = "ffpe", ["willingResearchBiopsy"] = "yes", ["ecog"] = 1, ["canConsent"] = "yes", ["pregnant"] = "no",
        ["localAnestheticAllergy"] = "no", ["cognitiveImpairment"] = "no",
    };

    private static JsonObject PublicExample(int which, DateOnly today)
    {
        var a = Baseline(today);
        switch (which)
        {
            case 1: a["ecog"] = 3; break;
            case 2: a["primaryTissue"] = "unknown"; break;
            case 3: a["metastaticSites"] = new JsonArray("brain"); break;
            case 4:
                a["metastaticSites"] = new JsonArray("brain");
                a["scheduledClinicalBiopsy"] = new JsonObject { ["site"] = "brain", ["date"] = today.AddDays(5).ToString("yyyy-MM-dd") };
                break;
            case 5: a["metastaticSites"] = new JsonArray("pleuralFluid"); a["effusionCytologyConfirmed"] = "no"; break;
            case 6: a["sex"] = "male"; a.Remove("pregnant"); break;
        }
        return a;
    }

    private static JsonObject RandomAnswers(Random r, DateOnly today)
    {
        var a = Baseline(today);
        a["dateOfBirth"] = today.AddDays(-r.Next(16 * 365, 90 * 365)).ToString("yyyy-MM-dd");
        a["distantMetastasis"] = YesNoUnsure[r.Next(r.Next(4) == 0 ? 3 : 1)];
        a["metastaticSites"] = new JsonArray([.. Sites.Where(_ => r.Next(4) == 0).Select(s => (JsonNode)s)]);
        a["primaryTissue"] = new[] { "freshFrozen", "ffpe", "availableTypeUnknown", "none", "unknown" }[r.Next(5)];
        a["ecog"] = r.Next(5);
        a["willingResearchBiopsy"] = YesNoUnsure[r.Next(3)];
        if (r.Next(5) == 0)
        {
            a["scheduledClinicalBiopsy"] = new JsonObject { ["site"] = Sites[r.Next(Sites.Length)], ["date"] = today.AddDays(r.Next(-3, 30)).ToString("yyyy-MM-dd") };
        }
        return a;
    }
}
