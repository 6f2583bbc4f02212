namespace Intake.Core.Tests;

/// <summary>A submission id is a UUID in canonical lower case, exactly 36 characters: nothing else becomes a storage key.</summary>
public sealed class SubmissionIdTests
{
    [Theory]
    [InlineData("6A1D8F2E-3B4C-4D5E-9F60-718293A4B5C6", "6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c6")]
    [InlineData("6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c6", "6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c6")]
    public void A_UUID_reads_in_its_canonical_lower_case(string text, string expected)
    {
        Assert.True(SubmissionId.TryParse(text, out var id));
        Assert.Equal(expected, id.Value);
        Assert.Equal(expected, SubmissionId.Normalise(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" 6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c6")]
    [InlineData("6a1d8f2e3b4c4d5e9f60718293a4b5c6")]
    [InlineData("{6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c6}")]
    [InlineData("6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c/")]
    public void Anything_else_is_no_id(string? text)
    {
        Assert.False(SubmissionId.TryParse(text, out _));
        Assert.Null(SubmissionId.Normalise(text));
    }

    [Fact]
    public void A_new_id_reads_back_as_itself()
    {
        var id = SubmissionId.New();

        Assert.Equal(id.Value, SubmissionId.Normalise(id.Value));
    }
}
