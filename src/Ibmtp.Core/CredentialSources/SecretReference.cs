using Ibmtp.Logging;
using Ibmtp.Protocol;

namespace Ibmtp.CredentialSources;

/// <summary>
/// Reads a secret from an environment variable that holds either the value or, as in the IBM Cloud
/// CLI, <c>@/path/to/file</c>. A file keeps the secret out of the environment of every child process.
/// Every secret read is registered with the redactor on the way in.
/// </summary>
public static class SecretReference
{
    public static string? Resolve(string variable, string? value, SecretRedactor redactor)
    {
        if (value is null)
            return null;
        return value.StartsWith('@')
            ? ReadFile(value[1..], $"{variable} names the file", redactor)
            : redactor.Protect(value.Trim());
    }

    /// <summary>The trimmed content of <paramref name="path"/>; <paramref name="origin"/> says in errors why that file was read.</summary>
    public static string ReadFile(string path, string origin, SecretRedactor redactor)
    {
        try
        {
            return redactor.Protect(File.ReadAllText(path).Trim());
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new HelperException($"{origin} {path}, which cannot be read ({error.GetType().Name}): check the path and its permissions");
        }
    }
}
