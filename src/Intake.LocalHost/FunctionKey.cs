using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Intake.LocalHost;

/// <summary>
/// The function key that staff routes need (api.md): from <c>INTAKE_FUNCTION_KEY</c> when set,
/// else made at start. Given in the <c>x-functions-key</c> header or the <c>code</c> query parameter.
/// </summary>
public sealed class FunctionKey
{
    /// <summary>The environment variable holding the key.</summary>
    public const string Variable = "INTAKE_FUNCTION_KEY";

    private readonly byte[] _key;

    /// <summary>Uses <paramref name="key"/>, or makes one when it is empty.</summary>
    public FunctionKey(string? key)
    {
        Generated = string.IsNullOrWhiteSpace(key);
        Value = Generated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_') : key!;
        _key = Encoding.UTF8.GetBytes(Value);
    }

    /// <summary>The key.</summary>
    public string Value { get; }

    /// <summary>True when it was made at start rather than set.</summary>
    public bool Generated { get; }

    /// <summary>True when the request carries the key in the header or the <c>code</c> query parameter.</summary>
    public bool Admits(HttpRequest request)
    {
        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _key);
    }
}
