using System.Text;
using Ibmtp.Composition;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Docker;

/// <summary>
/// The docker credential-helper protocol's rules for every outcome, shared by get, store, erase and
/// list: the answer on stdout and exit 0; any failure as one line on stdout and exit 1, with the
/// exact not-found message for a miss. stderr is left for warnings a person must act on.
/// </summary>
public static class DockerFrontend
{
    /// <param name="handle">Reads the request and answers it. The services are created on first use, so a request can be read, and judged, before any setting is.</param>
    public static int Run(HelperContext context, string action, Action<DockerProtocol, Lazy<HelperServices>> handle)
    {
        var services = new Lazy<HelperServices>(() => HelperServices.Create(context));
        try
        {
            handle(new DockerProtocol(context.Input, context.Output), services);
            return 0;
        }
        catch (CredentialsNotFoundException)
        {
            // Never redacted: clients compare it byte for byte, and a short stored password could match a word of it.
            WriteLine(context, DockerMessages.CredentialsNotFound);
            return 1;
        }
        catch (HelperException error)
        {
            LogOf(services)?.Error("{Action} failed: {Message}", action, error.Message);
            return Fail(context, error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogOf(services)?.Error("{Action} failed: {Message}", action, error.Message);
            return Fail(context, $"{action}: {error.Message}");
        }
        catch (Exception error)
        {
            LogOf(services)?.Error(error, "{Action} failed unexpectedly", action);
            return Fail(context, $"{action}: unexpected {error.GetType().Name}: {error.Message}");
        }
        finally
        {
            if (services.IsValueCreated)
                services.Value.Dispose();
        }
    }

    /// <summary>One line on stdout, where the clients read a helper's error, and never a secret.</summary>
    public static int Fail(HelperContext context, string message)
    {
        // Redacted before the line is joined: a secret holding a line break would otherwise no longer match.
        WriteLine(context, SecretRedactor.Redact(message).ReplaceLineEndings(" "));
        return 1;
    }

    private static Serilog.ILogger? LogOf(Lazy<HelperServices> services) => services.IsValueCreated ? services.Value.Log : null;

    private static void WriteLine(HelperContext context, string line)
    {
        context.Output.Write(Encoding.UTF8.GetBytes(line + "\n"));
        context.Output.Flush();
    }
}
