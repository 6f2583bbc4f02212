using System.Net;
using System.Net.Sockets;

namespace Intake.Functions.Http;

/// <summary>
/// A client's address as the rate limit counts it: an IPv4 address as it is (an IPv4-mapped IPv6
/// address as its IPv4 address), an IPv6 address by its /64, the smallest block a home or phone
/// network is given, inside which a client can take a new address for every request.
/// </summary>
public static class ClientAddress
{
    /// <summary>The bucket of <paramref name="address"/>: <c>203.0.113.7</c>, or <c>2001:db8:1:2::/64</c>.</summary>
    public static string BucketOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>
    /// The address in one entry of a forwarding header: <c>203.0.113.7</c>, <c>203.0.113.7:4711</c>,
    /// <c>2001:db8::1</c> or <c>[2001:db8::1]:443</c>; <c>null</c> for anything else
    /// (<c>unknown</c>, a host name, an empty entry).
    /// </summary>
    public static IPAddress? Parse(string entry)
    {
        var text = entry.Trim();
        if (text.Length is 0 or > 64 || !IPEndPoint.TryParse(text, out var endpoint))
        {
            return null;
        }
        // IPv4 only in its usual four parts: the parser would also take "7" as 0.0.0.7.
        return endpoint.Address.AddressFamily == AddressFamily.InterNetwork && text.Split(':')[0].Split('.').Length != 4 ? null : endpoint.Address;
    }
}
