using System.Globalization;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>GET /api/people?email=…</c> | <c>?phone=…</c> | <c>?name=…&amp;dateOfBirth=YYYY-MM-DD</c> (coordinator):
/// the people whose submissions match exactly (api-2.md, "Finding a person"), each with their
/// submissions as list items, newest first. Audited: the entry counts the submissions shown.
/// </summary>
public sealed class PeopleSearchFunction(IPeopleSearch search)
{
    private const int MaxEmailLength = 254;
    private const int MaxPhoneLength = 40;
    private const int MaxNameLength = 200;

    /// <summary><c>GET /api/people</c>: <c>{ "people": [ { "personId", "submissions": [ … ] } ] }</c>, at most 20 people.</summary>
    [Function(nameof(FindPeople))]
    public Task<IActionResult> FindPeople(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/people")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => FindAsync(request, call, cancellationToken), cancellationToken);

    private async Task<IActionResult> FindAsync(HttpRequest request, StaffCall call, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var query = Read(request, errors);
        if (query is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors, "Look a person up by email, by phone, or by name with dateOfBirth: see errors.");
        }
        var people = await search.FindAsync(query, cancellationToken);
        call.Shows(people.Sum(p => p.Submissions.Count));
        return ApiJson.Ok(new PeopleFound([.. people.Select(PersonFound.Of)]), ResponseJson.Default.PeopleFound);
    }

    // Each value in its form first, then exactly one way of looking up: email alone, phone alone, or name with dateOfBirth.
    private static PersonQuery? Read(HttpRequest request, FieldErrors errors)
    {
        var (email, phone, name, born) = (StaffQuery.One(request, "email", errors), StaffQuery.One(request, "phone", errors), StaffQuery.One(request, "name", errors), StaffQuery.One(request, "dateOfBirth", errors));
        if (email is not null && (email.Trim() is not { Length: > 2 and <= MaxEmailLength } trimmed || !trimmed.Contains('@', StringComparison.Ordinal) || trimmed.Any(char.IsControl)))
        {
            errors.Add("email", $"must be an e-mail address, at most {MaxEmailLength} characters.");
        }
        if (phone is not null && (phone.Length > MaxPhoneLength || phone.Count(char.IsAsciiDigit) < 7 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or '.' or ' ')))
        {
            errors.Add("phone", $"must be a phone number: at least 7 digits, with only spaces, +, -, ( ) and dots besides, at most {MaxPhoneLength} characters.");
        }
        if (name is not null && (name.Length > MaxNameLength || !name.Any(char.IsLetter) || name.Any(char.IsControl)))
        {
            errors.Add("name", $"must be a name with letters, at most {MaxNameLength} characters.");
        }
        DateOnly? date = null;
        if (born is not null)
        {
            if (DateOnly.TryParseExact(born, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = parsed;
            }
            else
            {
                errors.Add("dateOfBirth", "must be a date as YYYY-MM-DD (e.g. 1972-03-14).");
            }
        }
        var ways = new[] { email is not null, phone is not null, name is not null || born is not null }.Count(w => w);
        if (ways == 0)
        {
            errors.Add("email", "or phone, or name with dateOfBirth, is required: who to look for.");
        }
        else if (ways > 1)
        {
            foreach (var (given, value) in new[] { ("email", email), ("phone", phone), ("name", name), ("dateOfBirth", born) }.Where(p => p.Item2 is not null))
            {
                errors.Add(given, "cannot be given with the others: look up by one of email, phone, or name with dateOfBirth.");
            }
        }
        else if ((name is null) != (born is null))
        {
            errors.Add("name", "and dateOfBirth are looked up together: a name alone is not exact enough, a date of birth alone finds too many people.");
            errors.Add("dateOfBirth", "and name are looked up together, the date as YYYY-MM-DD.");
        }
        return errors.IsEmpty ? new PersonQuery(email, phone, name, date) : null;
    }
}
