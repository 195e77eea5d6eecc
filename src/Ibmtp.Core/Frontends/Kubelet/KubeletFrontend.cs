using System.Text;
using Ibmtp.Composition;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>
/// The kubelet provider's rules for every outcome: stdout carries a valid response and nothing else,
/// with exit 0; any failure is one line on stderr, which the kubelet logs, with exit 1.
/// </summary>
public static class KubeletFrontend
{
    private const string Action = "kubelet";

    public static int Run(HelperContext context, Func<Lazy<HelperServices>, CredentialProviderResponse> answer)
    {
        var services = new Lazy<HelperServices>(() => HelperServices.Create(context, KubeletApi.LongestTimeout));
        try
        {
            var response = answer(services);
            KubeletJson.WriteResponse(context.Output, response);
            return 0;
        }
        catch (HelperException error)
        {
            return Fail(context, services, error.Message, null);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Fail(context, services, $"{Action}: {error.Message}", null);
        }
        catch (Exception error)
        {
            return Fail(context, services, $"{Action}: unexpected {error.GetType().Name}: {error.Message}", error);
        }
        finally
        {
            if (services.IsValueCreated)
                services.Value.Dispose();
        }
    }

    private static int Fail(HelperContext context, Lazy<HelperServices> services, string message, Exception? unexpected)
    {
        // Redacted before the line is joined: a secret holding a line break would otherwise no longer match.
        var line = SecretRedactor.Redact(message).ReplaceLineEndings(" ");
        if (services.IsValueCreated)
            services.Value.Log.Error(unexpected, "{Action} failed: {Message}", Action, line);
        context.Error.Write(Encoding.UTF8.GetBytes(line + "\n"));
        context.Error.Flush();
        return 1;
    }
}
