namespace Intake.Core.Calendar;

/// <summary>Age in whole years, as people count it.</summary>
public static class Age
{
    /// <summary>
    /// Whole years from <paramref name="born"/> to <paramref name="on"/>: a person is a year older
    /// on their birthday; someone born on 29 February has their birthday on 1 March in other years.
    /// </summary>
    public static int On(DateOnly born, DateOnly on)
    {
        var years = on.Year - born.Year;
        // Comparing (month, day) pairs makes 29 February fall between 28 February and 1 March.
        return on.Month < born.Month || (on.Month == born.Month && on.Day < born.Day) ? years - 1 : years;
    }
}
