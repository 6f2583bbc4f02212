namespace Intake.Core.ClinicalAnswers.Stored;

/// <summary>
/// The strings stored for each enumeration value, written out here once and never derived from a
/// member's name: a member renamed in C# or a value renamed in the API leaves stored answers
/// readable. A value added to an enumeration must be added here (a test checks every member has one).
/// </summary>
public static class StoredValues
{
    /// <summary>Each enumeration's stored strings, by value.</summary>
    private static readonly Dictionary<Type, Dictionary<Enum, string>> Tables = new()
    {
        [typeof(YesNoUnknown)] = Table(
            (YesNoUnknown.Yes, "yes"), (YesNoUnknown.No, "no"), (YesNoUnknown.Unknown, "unknown")),
        [typeof(Sex)] = Table(
            (Sex.Female, "female"), (Sex.Male, "male"), (Sex.Other, "other"), (Sex.Undisclosed, "undisclosed")),
        [typeof(BreastCancerDiagnosis)] = Table(
            (BreastCancerDiagnosis.InvasiveConfirmed, "invasiveConfirmed"), (BreastCancerDiagnosis.InvasiveSuspected, "invasiveSuspected"),
            (BreastCancerDiagnosis.InSituOnly, "inSituOnly"), (BreastCancerDiagnosis.None, "none"), (BreastCancerDiagnosis.Unknown, "unknown")),
        [typeof(DiseaseStatus)] = Table(
            (DiseaseStatus.Progressing, "progressing"), (DiseaseStatus.DeNovoStageIV, "deNovoStageIV"), (DiseaseStatus.Stable, "stable"),
            (DiseaseStatus.Unknown, "unknown")),
        [typeof(PrimaryTissue)] = Table(
            (PrimaryTissue.FreshFrozen, "freshFrozen"), (PrimaryTissue.Ffpe, "ffpe"), (PrimaryTissue.AvailableTypeUnknown, "availableTypeUnknown"),
            (PrimaryTissue.None, "none"), (PrimaryTissue.Unknown, "unknown")),
        [typeof(Site)] = Table(
            (Site.Breast, "breast"), (Site.SkinChestWall, "skinChestWall"), (Site.LymphNodeSoftTissue, "lymphNodeSoftTissue"), (Site.Liver, "liver"),
            (Site.Bone, "bone"), (Site.Lung, "lung"), (Site.Brain, "brain"), (Site.PleuralFluid, "pleuralFluid"), (Site.Ascites, "ascites"),
            (Site.Other, "other")),
        [typeof(Anesthesia)] = Table(
            (Anesthesia.Local, "local"), (Anesthesia.IvConsciousSedation, "ivConsciousSedation"), (Anesthesia.General, "general"),
            (Anesthesia.Unknown, "unknown")),
    };

    /// <summary>The enumerations stored in answers.</summary>
    public static IReadOnlyCollection<Type> Enumerations => Tables.Keys;

    /// <summary>The stored string of <paramref name="value"/>.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Tables[typeof(T)][value];

    /// <summary>The value stored as <paramref name="text"/>; null when absent; an unknown string is stored data gone wrong, named by <paramref name="member"/>.</summary>
    public static T? Parse<T>(string? text, string member) where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }
        foreach (var (value, stored) in Tables[typeof(T)])
        {
            if (string.Equals(stored, text, StringComparison.Ordinal))
            {
                return (T)value;
            }
        }
        throw new InvalidDataException($"Stored answers: {member} holds a value no version of the format wrote.");
    }

    /// <summary>Whether every member of <paramref name="enumeration"/> has a stored string.</summary>
    public static bool Covers(Type enumeration) =>
        Tables.TryGetValue(enumeration, out var table) && Enum.GetValues(enumeration).Cast<Enum>().All(table.ContainsKey);

    private static Dictionary<Enum, string> Table<T>(params (T Value, string Stored)[] rows) where T : struct, Enum =>
        rows.ToDictionary(r => (Enum)r.Value, r => r.Stored);
}
