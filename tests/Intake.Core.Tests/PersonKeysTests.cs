namespace Intake.Core.Tests;

/// <summary><see cref="PersonKeys"/>: how contact details are normalised and digested to find the same person again.</summary>
public sealed class PersonKeysTests
{
    private static readonly DateOnly Born = new(1972, 3, 15);

    private static readonly PersonDigests Digests = new(System.Text.Encoding.UTF8.GetBytes("a person key of the core tests, 32+ chars"));

    private static PersonKeys Keys(string name = "Ann Example", string? email = null, string? phone = null, DateOnly? born = null) =>
        PersonKeys.Of(AnswerSets.Baseline with { DateOfBirth = born ?? Born }, new Contact(name, email, phone, "en"), Digests);

    private static PersonKeys NoDateOfBirth(string name, string? email, string? phone) =>
        PersonKeys.Of(AnswerSets.Baseline with { DateOfBirth = null }, new Contact(name, email, phone, null), Digests);

    [Theory]
    [InlineData("ann@example.org", "ann@example.org")]
    [InlineData("ann@example.org", "Ann@Example.ORG")]
    [InlineData("ann@example.org", "  ann@example.org \t")]
    public void E_mails_differing_in_case_or_surrounding_space_are_the_same(string first, string second)
    {
        var a = Keys("First Person", email: first);
        var b = Keys("Someone Else", email: second);

        Assert.NotNull(a.Email);
        Assert.Equal(a.Email, b.Email);
        Assert.True(a.IsSamePersonAs(b));
        Assert.True(b.IsSamePersonAs(a));
    }

    [Fact]
    public void Different_e_mails_are_not_the_same()
    {
        var a = Keys("First Person", email: "ann@example.org");
        var b = Keys("Someone Else", email: "ann.b@example.org");

        Assert.NotEqual(a.Email, b.Email);
        Assert.False(a.IsSamePersonAs(b));
    }

    [Theory]
    [InlineData("+1 507 555 0100", "(507) 555-0100")]
    [InlineData("+1 507 555 0100", "507.555.0100")]
    [InlineData("15075550100", "5075550100")]
    [InlineData("+1-507-555-0100", "1 (507) 555 0100")]
    public void Phones_in_different_formats_with_or_without_the_plus_one_prefix_are_the_same(string first, string second)
    {
        var a = Keys("First Person", phone: first);
        var b = Keys("Someone Else", phone: second);

        Assert.NotNull(a.Phone);
        Assert.Equal(a.Phone, b.Phone);
        Assert.True(a.IsSamePersonAs(b));
    }

    [Fact]
    public void Phones_with_different_last_ten_digits_are_not_the_same()
    {
        var a = Keys("First Person", phone: "+1 507 555 0100");
        var b = Keys("Someone Else", phone: "+1 507 555 0101");

        Assert.NotEqual(a.Phone, b.Phone);
        Assert.False(a.IsSamePersonAs(b));
    }

    [Theory]
    [InlineData("José García", "jose garcia")]
    [InlineData("José García", "JOSÉ GARCÍA")]
    [InlineData("Zoë  Müller", " zoe muller ")]
    [InlineData("Ann O'Neil", "Ann O’Neil")]
    [InlineData("Dr. Ann Example,", "dr ann example")]
    public void Names_differing_in_accents_case_spacing_or_punctuation_are_the_same(string first, string second)
    {
        var a = Keys(first);
        var b = Keys(second);

        Assert.NotNull(a.Name);
        Assert.Equal(a.Name, b.Name);
        Assert.True(a.IsSamePersonAs(b));
    }

    [Fact]
    public void Different_names_are_not_the_same()
    {
        Assert.False(Keys("Ann Example").IsSamePersonAs(Keys("Anna Example")));
    }

    [Fact]
    public void Same_e_mail_phone_and_name_with_a_different_date_of_birth_is_never_the_same_person()
    {
        var a = Keys("Ann Example", "ann@example.org", "+1 507 555 0100", Born);
        var b = Keys("Ann Example", "ann@example.org", "+1 507 555 0100", Born.AddDays(1));

        Assert.Equal((a.Email, a.Phone, a.Name), (b.Email, b.Phone, b.Name));
        Assert.False(a.IsSamePersonAs(b));
        Assert.False(b.IsSamePersonAs(a));
    }

    [Fact]
    public void Without_a_date_of_birth_no_one_is_the_same_person_not_even_with_identical_contact_details()
    {
        var a = NoDateOfBirth("Ann Example", "ann@example.org", "+1 507 555 0100");
        var b = NoDateOfBirth("Ann Example", "ann@example.org", "+1 507 555 0100");
        var withDate = Keys("Ann Example", "ann@example.org", "+1 507 555 0100");

        Assert.Null(a.DateOfBirth);
        Assert.False(a.IsSamePersonAs(b));
        Assert.False(a.IsSamePersonAs(withDate));
        Assert.False(withDate.IsSamePersonAs(a));
    }

    [Fact]
    public void Same_date_of_birth_with_nothing_else_equal_is_not_the_same_person()
    {
        var a = Keys("Ann Example", "ann@example.org", "+1 507 555 0100");
        var b = Keys("Bea Other", "bea@example.org", "+1 612 555 0199");

        Assert.False(a.IsSamePersonAs(b));
    }

    [Fact]
    public void Missing_details_never_match_each_other()
    {
        // Neither has an e-mail or a phone: two missing values are not an equal value.
        var a = Keys("Ann Example");
        var b = Keys("Bea Other");

        Assert.Null(a.Email);
        Assert.Null(a.Phone);
        Assert.False(a.IsSamePersonAs(b));
    }

    [Theory]
    [InlineData("555-01")]
    [InlineData("ext. 12")]
    [InlineData("none")]
    public void A_phone_with_fewer_than_seven_digits_is_not_kept(string phone)
    {
        Assert.Null(Keys(phone: phone).Phone);
    }

    [Fact]
    public void A_name_of_punctuation_only_is_not_kept()
    {
        Assert.Null(Keys("-- .").Name);
    }

    [Fact]
    public void Keys_are_sha256_digests_with_no_contact_detail_in_clear()
    {
        var keys = Keys("Ann Example", "ann@example.org", "+1 507 555 0100");

        foreach (var digest in new[] { keys.Email, keys.Phone, keys.Name })
        {
            Assert.NotNull(digest);
            Assert.Matches("^[0-9a-f]{64}$", digest);
        }
        Assert.DoesNotContain("ann", keys.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("5075550100", keys.ToString(), StringComparison.Ordinal);
        Assert.Equal(Born, keys.DateOfBirth);
    }
}
