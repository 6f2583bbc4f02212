using System.Reflection;
using System.Reflection.Emit;
using CsCheck;

namespace Intake.Core.Tests;

/// <summary>
/// Stored answers have a versioned shape and a reader of their own (<see cref="StoredAnswers"/>):
/// every version ever written reads back (fixtures of each version, written by the code of the day,
/// are in <c>Fixtures/StoredAnswers</c>: <c>v1.jsonl</c> by the API writer stored until version 2,
/// <c>v2.jsonl</c> the same answers line for line), and nothing on the stored path calls the API's
/// reader or writer, so a field renamed or tightened in the API leaves stored submissions readable.
/// </summary>
public sealed class StoredAnswersTests
{
    private static string[] Fixture(int version) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "StoredAnswers", $"v{version}.jsonl"));

    [Fact]
    public void Every_version_ever_written_reads_to_the_same_answers_and_is_written_again_as_the_current_version()
    {
        var v1 = Fixture(1);
        var v2 = Fixture(2);

        Assert.Equal(v1.Length, v2.Length);
        Assert.True(v1.Length > 300);
        for (var i = 0; i < v1.Length; i++)
        {
            var answers = StoredAnswers.Read(v1[i]);
            Assert.Equal(StoredAnswers.Read(v2[i]), answers);
            Assert.Equal(v2[i], StoredAnswers.Write(answers));
        }
    }

    [Fact]
    public void The_fixtures_hold_every_stored_value_of_every_enumeration()
    {
        var text = string.Join('\n', Fixture(1));

        foreach (var enumeration in StoredValues.Enumerations)
        {
            foreach (Enum value in Enum.GetValues(enumeration))
            {
                var stored = (string)typeof(StoredValues).GetMethod(nameof(StoredValues.Of))!.MakeGenericMethod(enumeration).Invoke(null, [value])!;
                Assert.Contains($"\"{stored}\"", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_enumeration_the_answers_hold_has_a_stored_string_for_every_member()
    {
        var enumerations = new[] { typeof(Answers), typeof(ScheduledClinicalBiopsy), typeof(ResearchBiopsyPlan) }
            .SelectMany(t => t.GetProperties())
            .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? (p.PropertyType.IsGenericType ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType))
            .Where(t => t.IsEnum).Distinct().ToArray();

        Assert.NotEmpty(enumerations);
        Assert.All(enumerations, e => Assert.True(StoredValues.Covers(e), $"{e.Name} has members without a stored string in StoredValues."));
    }

    [Fact]
    public void Any_answers_are_written_and_read_back_unchanged()
    {
        PropertyTests.GenToday.SelectMany(PropertyTests.GenAnswers).Sample(answers => Assert.Equal(answers, StoredAnswers.Read(StoredAnswers.Write(answers))), iter: 2_000);
    }

    [Fact]
    public void Reading_takes_what_was_stored_without_the_APIs_checks()
    {
        // A biopsy long past and a research plan on any submission: the API would refuse either today, the store must not.
        var answers = StoredAnswers.Read("""{"scheduledClinicalBiopsy":{"site":"liver","date":"1999-01-01"},"researchBiopsyPlan":{"site":"lung"},"metastaticSites":["bone","bone"]}""");

        Assert.Equal(new ScheduledClinicalBiopsy(Site.Liver, new DateOnly(1999, 1, 1)), answers.ScheduledClinicalBiopsy);
        Assert.Equal(new ResearchBiopsyPlan(Site.Lung, null), answers.ResearchBiopsyPlan);
        Assert.Equal([Site.Bone, Site.Bone], answers.MetastaticSites);
    }

    [Theory]
    [InlineData("""{"ecog":"three"}""", "$.ecog")]
    [InlineData("""{"sex":"f3m4le-secret"}""", "sex")]
    [InlineData("""{"scheduledClinicalBiopsy":{"site":"liver"}}""", "scheduledClinicalBiopsy.date")]
    [InlineData("""{"dateOfBirth":"15/03/1972"}""", "dateOfBirth")]
    [InlineData("""{"v":3}""", "version 3")]
    [InlineData("[]", "$")]
    [InlineData("null", "missing")]
    public void Text_no_version_wrote_is_refused_naming_the_member_and_never_quoting_it(string text, string named)
    {
        var error = Assert.Throws<InvalidDataException>(() => StoredAnswers.Read(text));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("f3m4le", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("15/03", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The API's own reading and writing of answers: the stored path must call none of them.</summary>
    private static readonly Type[] ApiTypes = [typeof(AnswersReader), typeof(AnswersWriter), typeof(StrictJsonObject), typeof(JsonEnum<>)];

    [Fact]
    public void Nothing_on_the_stored_path_calls_the_APIs_reader_or_writer()
    {
        var stored = typeof(StoredAnswers).Assembly.GetTypes().Where(t => t.Namespace == typeof(StoredAnswers).Namespace && t.Name.StartsWith("Stored", StringComparison.Ordinal)
            || t.DeclaringType?.Name.StartsWith("Stored", StringComparison.Ordinal) == true).ToArray();
        Assert.Contains(typeof(StoredAnswers), stored);

        var calls = Called(stored).ToArray();

        Assert.Contains(calls, m => m.DeclaringType == typeof(StoredValues));
        Assert.DoesNotContain(calls, m => ApiTypes.Contains(m.DeclaringType is { IsGenericType: true } g ? g.GetGenericTypeDefinition() : m.DeclaringType));
    }

    /// <summary>Every method the methods of <paramref name="types"/> call, read from their IL.</summary>
    internal static IEnumerable<MethodBase> Called(IEnumerable<Type> types)
    {
        var opcodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>().Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
                for (var i = 0; i < il.Length;)
                {
                    var code = il[i] == 0xFE ? opcodes[(short)(0xFE00 | il[i + 1])] : opcodes[il[i]];
                    i += code.Size;
                    if (code.OperandType is OperandType.InlineMethod)
                    {
                        var token = BitConverter.ToInt32(il, i);
                        MethodBase? called = null;
                        try
                        {
                            called = method.Module.ResolveMethod(token, type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null);
                        }
                        catch (ArgumentException)
                        {
                        }
                        if (called is not null)
                        {
                            yield return called;
                        }
                    }
                    i += code.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                        _ => 4,
                    };
                }
            }
        }
    }
}
