using System.Text;
using Ibmtp.Configuration;
using Ibmtp.CredentialSources;
using Ibmtp.Iam;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Protocol;
using Ibmtp.Storage;
using Serilog;

namespace Ibmtp;

/// <summary>
/// Runs one invocation: picks the action, wires up only what that action needs, and turns every
/// failure into one line on stdout with exit status 1, as the protocol requires.
/// </summary>
public static class HelperApp
{
    public static int Run(IReadOnlyList<string> args, HelperContext context)
    {
        var action = args.Count > 0 ? args[0] : null;
        switch (action)
        {
            case null or "":
                return Fail(context, $"{HelperInfo.Name}: no action given; use get, store, erase, list or version (see --help)");
            case "--help" or "-h" or "help":
                return Succeed(context, HelperInfo.Usage);
            case "version" or "--version":
                return Succeed(context, HelperInfo.VersionLine);
            case var _ when CredentialProtocol.IsAction(action):
                return RunProtocolAction(action, context);
            default:
                return Fail(context, $"{HelperInfo.Name}: unknown action: {action}");
        }
    }

    private static int RunProtocolAction(string action, HelperContext context)
    {
        var redactor = new SecretRedactor();
        Serilog.Core.Logger? log = null;
        try
        {
            var paths = new HelperPaths(context.Environment);
            var settings = SettingsLoader.Load(context.Environment, paths);
            log = HelperLog.Create(settings.LogLevel, paths.StateFolder, redactor);
            var store = CreateStore(context, paths, settings, redactor, log);
            new CredentialProtocol(store, context.Input, context.Output).Run(action);
            return 0;
        }
        catch (CredentialsNotFoundException notFound)
        {
            return Fail(context, notFound.Message);
        }
        catch (HelperException error)
        {
            log?.Error("{Action} failed: {Message}", action, error.Message);
            return Fail(context, redactor.Redact(error.Message));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            log?.Error("{Action} failed: {Message}", action, error.Message);
            return Fail(context, redactor.Redact($"{action}: {error.Message.ReplaceLineEndings(" ")}"));
        }
        catch (Exception error)
        {
            log?.Error(error, "{Action} failed unexpectedly", action);
            return Fail(context, redactor.Redact($"{action}: unexpected {error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")}"));
        }
        finally
        {
            log?.Dispose();
        }
    }

    private static IcrCredentialStore CreateStore(HelperContext context, HelperPaths paths, HelperSettings settings, SecretRedactor redactor, ILogger log)
    {
        var environment = context.Environment;
        var time = TimeProvider.System;
        // Lazy: a get answered from the environment, or for a host we do not serve, never opens the keystore.
        var keystore = new Lazy<IKeystore>(() => new FileKeystore(
            paths.DataFolder,
            SecretReference.Resolve(EnvironmentVariables.KeystorePassphrase, environment.Get(EnvironmentVariables.KeystorePassphrase), redactor),
            redactor));
        var warnings = new UserWarnings(context.Error, redactor, log);
        var cache = settings.CacheEnabled ? new Lazy<TokenCache>(() => new TokenCache(paths.CacheFolder, time, redactor, log)) : null;
        var sender = new RetryingSender(time, log);
        ICredentialSource[] sources =
        [
            new TrustedProfileSource(
                settings,
                new EnvironmentSecrets(environment, redactor, EnvironmentSecrets.DefaultComputeResourceTokenFiles),
                new TokenService(cache, settings.Timeout, time, warnings.Warn),
                iamUrl => new IamClient(HttpClients.Create(iamUrl), sender, redactor, time),
                metadataUrl => new VpcMetadataClient(HttpClients.Create(metadataUrl), sender, redactor, time)),
            new KeystoreSource(keystore),
        ];
        return new IcrCredentialStore(settings.ServedHosts, sources, keystore, redactor, log);
    }

    private static int Succeed(HelperContext context, string text)
    {
        WriteLine(context.Output, text);
        return 0;
    }

    private static int Fail(HelperContext context, string message)
    {
        WriteLine(context.Output, message);
        return 1;
    }

    private static void WriteLine(Stream stream, string text)
    {
        stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
        stream.Flush();
    }
}
