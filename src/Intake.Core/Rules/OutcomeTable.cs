using System.Runtime.CompilerServices;

namespace Intake.Core.Rules;

/// <summary>
/// The outcomes of a criterion decided by one enumerated answer, built once so that judging
/// allocates nothing: one row per value, and one outcome for "not answered".
/// </summary>
/// <typeparam name="T">The answer's enumeration.</typeparam>
public sealed class OutcomeTable<T> where T : struct, Enum
{
    private readonly CriterionOutcome?[] _byValue = new CriterionOutcome?[Enum.GetValues<T>().Length];
    private readonly CriterionOutcome _unanswered;

    /// <summary>Builds the table; every value of <typeparamref name="T"/> must have a row.</summary>
    /// <param name="id">The criterion's id.</param>
    /// <param name="unanswered">The reason when the answer is missing (the outcome is Unknown).</param>
    /// <param name="rows">Each value with its outcome and reason.</param>
    public OutcomeTable(string id, string unanswered, params (T Value, Outcome Outcome, string Reason)[] rows)
    {
        _unanswered = new CriterionOutcome(id, Outcome.Unknown, unanswered);
        foreach (var (value, outcome, reason) in rows)
        {
            _byValue[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = new CriterionOutcome(id, outcome, reason);
        }
        if (Array.IndexOf(_byValue, null) is var missing and >= 0)
        {
            throw new ArgumentException($"{id}: no row for {Enum.GetValues<T>()[missing]}.", nameof(rows));
        }
    }

    /// <summary>The outcome for an answer, or the "not answered" outcome for <c>null</c>.</summary>
    public CriterionOutcome For(T? value) =>
        value is { } v && Unsafe.As<T, int>(ref v) is var i && (uint)i < (uint)_byValue.Length ? _byValue[i]! : _unanswered;
}
