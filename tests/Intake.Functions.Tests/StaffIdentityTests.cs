using System.Text;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Tests;

/// <summary><see cref="StaffIdentity"/>: who history records for a staff request.</summary>
public sealed class StaffIdentityTests
{
    private static HttpRequest Request(string? principalName = null, string? principal = null)
    {
        var request = new DefaultHttpContext().Request;
        if (principalName is not null)
        {
            request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = principalName;
        }
        if (principal is not null)
        {
            request.Headers["X-MS-CLIENT-PRINCIPAL"] = principal;
        }
        return request;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A principal the way App Service Authentication encodes it.</summary>
    private static string Principal(params (string Type, string Value)[] claims) => Base64(
        "{\"auth_typ\":\"aad\",\"claims\":[" + string.Join(',', claims.Select(c => $"{{\"typ\":\"{c.Type}\",\"val\":\"{c.Value}\"}}")) +
        "],\"name_typ\":\"name\",\"role_typ\":\"roles\"}");

    [Fact]
    public void The_signed_in_name_header_is_the_identity()
    {
        Assert.Equal("ann.coordinator@example.org", StaffIdentity.Of(Request(principalName: " ann.coordinator@example.org ")));
    }

    [Fact]
    public void The_name_header_wins_over_the_principal()
    {
        Assert.Equal("ann@example.org", StaffIdentity.Of(Request("ann@example.org", Principal(("name", "Someone Else")))));
    }

    [Fact]
    public void A_base64_principal_with_a_name_claim_gives_that_name()
    {
        var principal = Principal(("http://schemas.microsoft.com/identity/claims/objectidentifier", "0000"), ("name", "Ann Coordinator"));

        Assert.Equal("Ann Coordinator", StaffIdentity.Of(Request(principal: principal)));
    }

    [Fact]
    public void A_principal_with_only_a_preferred_username_gives_that()
    {
        Assert.Equal("ann@example.org", StaffIdentity.Of(Request(principal: Principal(("preferred_username", "ann@example.org")))));
    }

    [Fact]
    public void Without_either_header_it_is_the_function_key_holder()
    {
        Assert.Equal("staff (function key)", StaffIdentity.Of(Request()));
        Assert.Equal(StaffIdentity.KeyHolder, StaffIdentity.Of(Request()));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("%%%")]
    [InlineData("bm90IGpzb24=")]                 // "not json"
    [InlineData("WzEsMiwzXQ==")]                 // [1,2,3]
    [InlineData("eyJjbGFpbXMiOiJub3BlIn0=")]     // {"claims":"nope"}
    [InlineData("eyJjbGFpbXMiOlsxLDJdfQ==")]     // {"claims":[1,2]}
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6MSwidmFsIjoieCJ9XX0=")] // {"claims":[{"typ":1,"val":"x"}]}
    [InlineData("e30=")]                         // {}
    public void A_garbage_principal_falls_back_to_the_function_key_holder(string header)
    {
        Assert.Equal(StaffIdentity.KeyHolder, StaffIdentity.Of(Request(principal: header)));
    }

    [Fact]
    public void A_principal_without_a_name_claim_falls_back_to_the_function_key_holder()
    {
        Assert.Equal(StaffIdentity.KeyHolder, StaffIdentity.Of(Request(principal: Principal(("roles", "staff")))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ann\u0000@example.org")]
    [InlineData("ann\n@example.org")]
    public void A_blank_or_control_character_name_is_not_taken(string name)
    {
        Assert.Equal(StaffIdentity.KeyHolder, StaffIdentity.Of(Request(principalName: name)));
        Assert.Equal("Ann Coordinator", StaffIdentity.Of(Request(name, Principal(("name", "Ann Coordinator")))));
    }

    [Fact]
    public void A_name_over_256_characters_is_not_taken()
    {
        Assert.Equal(StaffIdentity.KeyHolder, StaffIdentity.Of(Request(principalName: new string('a', 257))));
        Assert.Equal(new string('a', 256), StaffIdentity.Of(Request(principalName: new string('a', 256))));
    }
}
