using System.Text;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="StaffIdentity"/> and <see cref="ClientPrincipal"/>: who a staff request comes from and
/// which roles they hold. The principal headers count only behind App Service Authentication.
/// </summary>
public sealed class StaffIdentityTests
{
    private static readonly AuthOptions Behind = new() { AppServiceAuthentication = true };
    private static readonly AuthOptions Local = new();

    internal static HttpRequest Request(string? principalName = null, string? principal = null)
    {
        var request = new DefaultHttpContext().Request;
        if (principalName is not null)
        {
            request.Headers[ClientPrincipal.NameHeader] = principalName;
        }
        if (principal is not null)
        {
            request.Headers[ClientPrincipal.Header] = principal;
        }
        return request;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A principal the way App Service Authentication encodes it.</summary>
    internal static string Principal(params (string Type, string Value)[] claims) => Base64(
        "{\"auth_typ\":\"aad\",\"claims\":[" + string.Join(',', claims.Select(c => $"{{\"typ\":\"{c.Type}\",\"val\":\"{c.Value}\"}}")) +
        "],\"name_typ\":\"name\",\"role_typ\":\"roles\"}");

    private static StaffMember? Signed(string? principalName = null, string? principal = null) => StaffIdentity.Of(Request(principalName, principal), Behind);

    [Fact]
    public void Behind_App_Service_Authentication_the_signed_in_name_header_is_the_identity()
    {
        Assert.Equal("ann.coordinator@example.org", Signed(" ann.coordinator@example.org ", Principal(("name", "Ann"), ("roles", "Intake.Coordinator")))!.Name);
    }

    [Fact]
    public void A_base64_principal_with_a_name_claim_gives_that_name_and_a_preferred_username_serves_without_it()
    {
        Assert.Equal("Ann Coordinator", Signed(principal: Principal(("http://schemas.microsoft.com/identity/claims/objectidentifier", "0000"), ("name", "Ann Coordinator")))!.Name);
        Assert.Equal("ann@example.org", Signed(principal: Principal(("preferred_username", "ann@example.org")))!.Name);
    }

    [Fact]
    public void The_app_roles_of_the_principal_become_the_staff_roles()
    {
        var coordinator = Signed(principal: Principal(("name", "Ann"), ("roles", "Intake.Coordinator")))!;
        var manager = Signed(principal: Principal(("name", "Bea"), ("roles", "Intake.Manager")))!;
        var both = Signed(principal: Principal(("name", "Cy"), ("roles", "Intake.Coordinator"), ("roles", "Intake.Manager")))!;

        Assert.Equal([StaffRole.Coordinator], coordinator.Roles);
        Assert.True(coordinator.May(StaffRole.Coordinator));
        Assert.False(coordinator.May(StaffRole.Manager));
        Assert.Equal("coordinator", coordinator.RoleName);
        Assert.Equal([StaffRole.Manager], manager.Roles);
        Assert.True(manager.May(StaffRole.Coordinator));
        Assert.True(manager.May(StaffRole.Manager));
        Assert.Equal("manager", manager.RoleName);
        Assert.Equal("manager", both.RoleName);
    }

    [Fact]
    public void A_principal_whose_role_type_is_named_otherwise_is_read_by_its_role_typ()
    {
        var principal = Base64("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Ann"},{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"Intake.Manager"}],"role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}""");

        Assert.Equal([StaffRole.Manager], Signed(principal: principal)!.Roles);
    }

    [Fact]
    public void A_signed_in_person_without_a_role_of_this_service_holds_none()
    {
        var person = Signed(principal: Principal(("name", "Dee"), ("roles", "Other.App.Admin"), ("roles", "intake.manager"), ("groups", "Intake.Manager")))!;

        Assert.Equal("Dee", person.Name);
        Assert.Empty(person.Roles);
        Assert.False(person.May(StaffRole.Coordinator));
        Assert.Equal("none", person.RoleName);
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
    [InlineData("")]
    public void Behind_App_Service_Authentication_a_malformed_principal_is_nobody(string header)
    {
        Assert.Null(Signed(principal: header));
        Assert.Null(Signed("ann@example.org", header));
    }

    [Fact]
    public void An_oversized_principal_is_nobody_even_with_a_role()
    {
        var padding = new string('x', ClientPrincipal.MaxHeaderLength);
        var oversized = Principal(("name", "Ann"), ("roles", "Intake.Manager"), ("padding", padding));

        Assert.True(oversized.Length > ClientPrincipal.MaxHeaderLength);
        Assert.Null(Signed(principal: oversized));
    }

    [Fact]
    public void Behind_App_Service_Authentication_no_principal_or_one_without_a_name_is_nobody()
    {
        Assert.Null(Signed());
        Assert.Null(Signed("ann@example.org"));
        Assert.Null(Signed(principal: Principal(("roles", "Intake.Manager"))));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("ann\u0000@example.org")]
    [InlineData("ann\n@example.org")]
    public void A_blank_or_control_character_name_is_not_taken(string name)
    {
        Assert.Equal("Ann Coordinator", Signed(name, Principal(("name", "Ann Coordinator")))!.Name);
        Assert.Null(Signed(principal: Principal(("name", name.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u0000", "\\u0000", StringComparison.Ordinal)))));
    }

    [Fact]
    public void A_name_over_256_characters_is_not_taken()
    {
        Assert.Null(Signed(new string('a', 257), Principal(("roles", "Intake.Coordinator"))));
        Assert.Equal(new string('a', 256), Signed(new string('a', 256), Principal(("roles", "Intake.Coordinator")))!.Name);
    }

    [Fact]
    public void Not_behind_App_Service_Authentication_the_headers_are_ignored_and_the_key_is_the_local_staff_member_with_both_roles()
    {
        var spoofed = Request("admin@study.example", Principal(("name", "admin"), ("roles", "Other")));

        var staff = StaffIdentity.Of(spoofed, Local)!;

        Assert.Equal("local-staff", staff.Name);
        Assert.Equal([StaffRole.Coordinator, StaffRole.Manager], staff.Roles.Order());
        Assert.Equal("local-staff", StaffIdentity.Of(Request(), Local)!.Name);
    }

    [Fact]
    public void The_local_staff_member_is_the_configured_one_and_a_blank_setting_keeps_the_default()
    {
        Assert.Equal("dr.lee", StaffIdentity.Of(Request(), new AuthOptions { LocalStaff = " dr.lee " })!.Name);
        Assert.Equal("local-staff", StaffIdentity.Of(Request(), new AuthOptions { LocalStaff = "  " })!.Name);
    }
}
