using System.Security.Cryptography;
using System.Text;

namespace Intake.Core.Tests;

/// <summary><see cref="PersonDigests"/>: keyed digests that only the service's person key reproduces.</summary>
public sealed class PersonDigestsTests
{
    private static readonly PersonDigests One = new(Encoding.UTF8.GetBytes("the first person key, 32 characters or more"));
    private static readonly PersonDigests Other = new(Encoding.UTF8.GetBytes("another person key, also 32 characters or more"));
    private static readonly DateOnly Born = new(1968, 7, 4);
    private static readonly Contact Ann = new("Ann Example", "ann@example.org", "+1 612 555 0100", "en");

    private static string PlainSha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_same_key_gives_the_same_digests_so_a_person_is_found_again()
    {
        var again = new PersonDigests(Encoding.UTF8.GetBytes("the first person key, 32 characters or more"));

        Assert.Equal(One.BirthDigest(Born), again.BirthDigest(Born));
        Assert.Equal(PersonKeys.Of(Born, Ann, One), PersonKeys.Of(Born, Ann, again));
    }

    [Fact]
    public void Another_key_gives_other_digests_of_the_date_of_birth_and_of_every_contact_detail()
    {
        var one = PersonKeys.Of(Born, Ann, One);
        var other = PersonKeys.Of(Born, Ann, Other);

        Assert.NotEqual(One.BirthDigest(Born), Other.BirthDigest(Born));
        Assert.NotEqual(one.Email, other.Email);
        Assert.NotEqual(one.Phone, other.Phone);
        Assert.NotEqual(one.Name, other.Name);
        Assert.False(one.IsSamePersonAs(other));
    }

    [Fact]
    public void No_digest_is_the_plain_SHA_256_that_a_dictionary_of_dates_or_addresses_reverses()
    {
        var keys = PersonKeys.Of(Born, Ann, One);

        Assert.NotEqual(PlainSha256("born 1968-07-04"), One.BirthDigest(Born));
        Assert.Equal(PlainSha256("born 1968-07-04"), PersonDigests.PlainBirthDigest(Born));
        Assert.NotEqual(PlainSha256("ann@example.org"), keys.Email);
        Assert.NotEqual(PlainSha256("6125550100"), keys.Phone);
        Assert.NotEqual(PlainSha256("ann example"), keys.Name);
        Assert.Equal(64, One.BirthDigest(Born).Length);
    }

    [Fact]
    public void A_key_shorter_than_32_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PersonDigests(new byte[31]));
    }
}
