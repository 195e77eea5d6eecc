using Ibmtp.Logging;
using Ibmtp.Protocol;

namespace Ibmtp.CredentialSources;

/// <summary>
/// Reads a secret from an environment variable that holds either the value or, as in the IBM Cloud
/// CLI, <c>@/path/to/file</c>. A file keeps the secret out of the environment of every child process.
/// </summary>
public static class SecretReference
{
    public static string? Resolve(string variable, string? value, SecretRedactor redactor)
    {
        if (value is null)
            return null;
        if (!value.StartsWith('@'))
            return redactor.Protect(value.Trim());

        var path = value[1..];
        try
        {
            return redactor.Protect(File.ReadAllText(path).Trim());
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new HelperException($"{variable} names the file {path}, which cannot be read ({error.GetType().Name}): check the path and its permissions");
        }
    }
}
