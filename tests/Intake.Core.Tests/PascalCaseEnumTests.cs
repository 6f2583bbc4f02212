namespace Intake.Core.Tests;

/// <summary>Results, priorities and statuses are written with their names exactly; an older camelCase spelling is accepted only where asked for.</summary>
public sealed class PascalCaseEnumTests
{
    [Fact]
    public void A_status_is_its_name_exactly()
    {
        Assert.Equal("UnderReview", PascalCaseEnum<ReferralStatus>.Name(ReferralStatus.UnderReview));
        Assert.Equal("Received, UnderReview, Contacted, Enrolled, NotEnrolled", PascalCaseEnum<ReferralStatus>.Allowed);
        Assert.True(PascalCaseEnum<TeamStatus>.TryParse("NotEligible", out var status));
        Assert.Equal(TeamStatus.NotEligible, status);
    }

    [Theory]
    [InlineData("notEligible")]
    [InlineData("NOTELIGIBLE")]
    [InlineData("Noteligible")]
    [InlineData(" NotEligible")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("3")]
    public void Anything_else_is_refused(string? text) => Assert.False(PascalCaseEnum<TeamStatus>.TryParse(text, out _));

    [Fact]
    public void The_camel_case_spelling_first_published_is_accepted_only_when_asked_for()
    {
        Assert.False(PascalCaseEnum<ReferralStatus>.TryParse("underReview", out _));
        Assert.True(PascalCaseEnum<ReferralStatus>.TryParse("underReview", out var status, alsoCamelCase: true));
        Assert.Equal(ReferralStatus.UnderReview, status);
        Assert.False(PascalCaseEnum<ReferralStatus>.TryParse("UNDERREVIEW", out _, alsoCamelCase: true));
    }
}
