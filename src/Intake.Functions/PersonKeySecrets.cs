using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Functions;

/// <summary>
/// Makes the <see cref="global::Intake.Core.People.PersonDigests"/> from <see cref="PersonKeyOptions"/>: the configured key (Key
/// Vault in Azure), or outside Azure a key kept in a local file, made on the first start.
/// </summary>
public static class PersonKeySecrets
{
    /// <summary>The service's person digests.</summary>
    public static PersonDigests PersonDigests(IServiceProvider services) => PersonDigests(services, Environment.GetEnvironmentVariable);

    /// <summary>The service's person digests, reading the process environment through <paramref name="environment"/> (App Service sets <c>WEBSITE_SITE_NAME</c>).</summary>
    internal static PersonDigests PersonDigests(IServiceProvider services, Func<string, string?> environment)
    {
        var options = services.GetRequiredService<IOptions<PersonKeyOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(options.Secret))
        {
            return new PersonDigests(Encoding.UTF8.GetBytes(options.Secret.Trim()));
        }
        if (!string.IsNullOrEmpty(environment("WEBSITE_SITE_NAME")))
        {
            // A file on an instance would be a key of that instance only: every person unlinked on the next scale-out.
            throw new InvalidOperationException("Intake:PersonKey:Secret is not set: in Azure it must be the Key Vault reference of the person key (docs/deploy.md).");
        }
        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
        var path = Path.GetFullPath(options.File, root);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PersonKeySecrets));
        return new PersonDigests(Encoding.UTF8.GetBytes(ReadOrMake(path, logger)));
    }

    /// <summary>The key in <paramref name="path"/>; when there is no such file, a new random key written there first (mode 600).</summary>
    public static string ReadOrMake(string path, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var writer = new StreamWriter(path, Encoding.ASCII, create);
                writer.Write(key);
                logger.LogWarning("Made a new local person key in {Path}: keep it, people stored with it are linked only with it", path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: use theirs.
            }
        }
        var text = File.ReadAllText(path).Trim();
        if (text.Length < 32)
        {
            throw new InvalidOperationException($"The local person key in {path} is shorter than 32 characters.");
        }
        return text;
    }
}
