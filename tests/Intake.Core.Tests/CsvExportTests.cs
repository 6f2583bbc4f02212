using System.Text;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests;

/// <summary>
/// The CSV of <c>GET /api/export.csv</c> (<see cref="CsvText"/>, <see cref="ListExport"/>): RFC 4180 that
/// reads back to exactly the cells written, and no cell a spreadsheet would run as a formula.
/// </summary>
public sealed class CsvExportTests
{
    private static readonly SiteCalendar Chicago = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero)));

    /// <summary>A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), to read back what was written.</summary>
    private static List<List<string>> Read(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < csv.Length, "a quoted field is not closed");
                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(csv[i++]);
                }
                Assert.True(i == csv.Length || csv[i] == ',' || csv[i] == '\r', $"text after a closing quote at {i}");
                continue;
            }
            if (csv[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (csv[i] == '\r')
            {
                Assert.Equal('\n', csv[i + 1]);
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.NotEqual('"', csv[i]);
                Assert.NotEqual('\n', csv[i]);
                field.Append(csv[i++]);
            }
        }
        Assert.Empty(record);
        Assert.Equal(0, field.Length);
        return records;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1 507 555 0100", "'+1 507 555 0100")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("Ada Example", "Ada Example")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void A_cell_that_would_start_a_formula_is_prefixed_with_an_apostrophe_and_no_other(string value, string shown)
    {
        Assert.Equal(shown, CsvText.Neutralised(value));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("line\nfeed", "\"line\nfeed\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    public void A_field_is_quoted_as_RFC_4180_asks_after_it_is_neutralised(string value, string field)
    {
        Assert.Equal(field, CsvText.Field(value));
    }

    [Fact]
    public void Any_cells_read_back_as_written_and_none_begins_a_formula()
    {
        var cell = Gen.OneOf(Gen.String, Gen.String[Gen.Char["=+-@\t\r\n,\" a"], 0, 12]);
        Gen.Select(cell.Array[1, 8], cell.Array[1, 8]).Sample((first, second) =>
        {
            var csv = new StringBuilder();
            CsvText.AppendRecord(csv, first);
            CsvText.AppendRecord(csv, second);

            var read = Read(csv.ToString());

            Assert.Equal([first.Select(CsvText.Neutralised).ToList(), second.Select(CsvText.Neutralised).ToList()], read);
            Assert.All(read.SelectMany(r => r), c => Assert.False(c.Length > 0 && CsvText.FormulaStarts.Contains(c[0]), c));
        }, iter: 2_000);
    }

    private static WorklistItem Line(string name, DateTimeOffset receivedAt) => new()
    {
        Id = "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f",
        List = TeamList.Worklist,
        Kind = SubmissionKind.Referral,
        Result = PrecheckResult.NeedsReview,
        Priority = Priority.High,
        ReceivedAt = receivedAt,
        ScheduledBiopsyDate = new DateOnly(2026, 12, 10),
        TeamStatus = TeamStatus.Contacted,
        Summary = "To clarify: I5, I8",
        PersonId = "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f",
        AssignedTo = name,
        LastContactAttempt = new ContactAttempt(ContactChannel.Phone, ContactOutcome.LeftMessage, new DateTimeOffset(2026, 12, 1, 15, 30, 0, TimeSpan.Zero), "ann@example.org", null),
        NextContactOn = new DateOnly(2026, 12, 3),
    };

    [Fact]
    public void The_export_has_the_header_row_and_one_row_a_submission_with_names_neutralised()
    {
        var hostile = "=HYPERLINK(\"http://x\",\"y\")";
        // 04:30 UTC on 2 December is still 1 December in Chicago.
        var line = Line("-Ann", new DateTimeOffset(2026, 12, 2, 4, 30, 0, TimeSpan.Zero));

        var read = Read(ListExport.Write([new ExportRow(line, new Contact(hostile, "@x.example", "+1 507 555 0100", "en"))], Chicago));

        Assert.Equal(2, read.Count);
        Assert.Equal(ListExport.Columns, read[0]);
        var row = read[0].Zip(read[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("'" + hostile, row["name"]);
        Assert.Equal("'@x.example", row["email"]);
        Assert.Equal("'+1 507 555 0100", row["phone"]);
        Assert.Equal("'-Ann", row["assignedTo"]);
        Assert.Equal("worklist", row["list"]);
        Assert.Equal("referral", row["kind"]);
        Assert.Equal("2026-12-02T04:30:00Z", row["receivedAt"]);
        Assert.Equal("2026-12-01", row["receivedOn"]);
        Assert.Equal("High", row["priority"]);
        Assert.Equal("2026-12-10", row["scheduledBiopsyDate"]);
        Assert.Equal("phone", row["lastContactChannel"]);
        Assert.Equal("leftMessage", row["lastContactOutcome"]);
        Assert.Equal("2026-12-01T15:30:00Z", row["lastContactAt"]);
        Assert.Equal("2026-12-03", row["nextContactOn"]);
        Assert.Equal("", row["firstContactAt"]);
        Assert.Equal("false", row["reopened"]);
    }

    [Fact]
    public void The_range_is_of_the_sites_dates_both_ends_included_and_either_end_open()
    {
        var firstOfDecemberLate = Line("Ann", new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero));
        var day = new DateOnly(2026, 12, 1);

        Assert.True(ListExport.Covers(firstOfDecemberLate, day, day, Chicago));
        Assert.False(ListExport.Covers(firstOfDecemberLate, day.AddDays(1), null, Chicago));
        Assert.False(ListExport.Covers(firstOfDecemberLate, null, day.AddDays(-1), Chicago));
        Assert.True(ListExport.Covers(firstOfDecemberLate, null, null, Chicago));
    }
}
