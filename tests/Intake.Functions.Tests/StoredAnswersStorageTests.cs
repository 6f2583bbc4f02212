using System.Text.Json;
using Azure.Data.Tables;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// Submissions whose answers were stored in an earlier format (the fixtures of every version in
/// <c>Fixtures/StoredAnswers</c>) still read, re-evaluate and show on Azurite: the record's answers
/// are read by their own versioned reader (<see cref="StoredAnswers"/>), never by the API's.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StoredAnswersStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static string[] Fixture(int version) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "StoredAnswers", $"v{version}.jsonl"));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Submissions_stored_in_every_earlier_format_still_read_reevaluate_and_show(int version)
    {
        var rig = new TeamRig(azurite);
        var stored = Fixture(version).Take(40).ToArray();
        var ids = new List<(string Id, Answers Answers)>();
        foreach (var text in stored)
        {
            var answers = StoredAnswers.Read(text);
            var id = await rig.SubmitAsync(answers);
            // As the code of that version left it: the record's answers in that version's text.
            var records = azurite.SubmissionsOf(id);
            var record = (await records.GetEntityAsync<TableEntity>(id, SubmissionEntities.RecordKey(id))).Value;
            record["Answers"] = text;
            await records.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace);
            ids.Add((id, answers));
        }

        rig.NextDay(20);
        var report = await rig.Reevaluation.RunAsync(None);

        Assert.True(report.Evaluated > 0);
        Assert.Equal(0, rig.Outcomes.Of(PassOutcome.Reevaluate)!.Failures);
        foreach (var (id, answers) in ids)
        {
            var file = await rig.FileAsync(id);
            Assert.Equal(answers, file.Submission.Answers);
            using var shown = JsonDocument.Parse(ApiJson.Ok(SubmissionFileResponse.Of(file, []), ResponseJson.Default.SubmissionFileResponse).Content!);
            Assert.Equal(id, shown.RootElement.GetProperty("id").GetString());
            Assert.Equal(JsonValueKind.Object, shown.RootElement.GetProperty("answers").ValueKind);
        }
    }

    [Fact]
    public async Task A_record_is_written_in_the_current_version()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);

        var record = (await azurite.SubmissionsOf(id).GetEntityAsync<TableEntity>(id, SubmissionEntities.RecordKey(id))).Value;

        Assert.StartsWith($"{{\"v\":{StoredAnswers.CurrentVersion},", record.GetString("Answers"), StringComparison.Ordinal);
        Assert.Equal(TestData.Baseline, StoredAnswers.Read(record.GetString("Answers")));
    }
}
