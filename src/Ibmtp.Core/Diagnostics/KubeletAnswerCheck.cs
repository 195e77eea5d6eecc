using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ibmtp.Frontends.Kubelet;
using Ibmtp.Hosts;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Diagnostics;

/// <summary>
/// <c>doctor --kubelet</c>: what the provider answers for the sample image, run as the kubelet runs it:
/// the executable in the bin dir with the config's <c>args</c>, PATH and the config's <c>env</c> (nothing else
/// of this shell's), a <c>CredentialProviderRequest</c> without a service-account token on stdin, killed
/// after a minute. The login is described by its user name and cache duration; its password is never shown.
/// Each line says where that run kept its token cache and log: under the config's HOME, as the kubelet's runs
/// will (as root, e.g. /var/lib/docker-credential-ibmtp), not under this shell's.
/// </summary>
public sealed class KubeletAnswerCheck(KubeletSetup? setup, IEnvironment environment) : IDoctorCheck
{
    private const string Fact = "kubelet answer";
    private static readonly TimeSpan KubeletKillsAfter = TimeSpan.FromMinutes(1);

    public void Run(RegistryHost host, FactSheet facts)
    {
        if (setup?.Provider is not { } provider || setup.Executable is not { } executable)
            return;
        var (exit, output, error) = Execute(executable, provider);
        var image = setup.Image;
        var answers = new AnswerLines(facts, FilesNote(setup.Environment(environment.Get("PATH"))));
        if (exit is null)
        {
            answers.Add($"{image}: the provider had not answered after a minute, when the kubelet kills it", problem: true);
            return;
        }
        if (exit != 0)
        {
            answers.Add($"{image}: the provider failed (exit {exit}): {FirstLine(error)}", problem: true);
            return;
        }
        try
        {
            using var answer = JsonDocument.Parse(output);
            Describe(answer.RootElement, image, provider, answers);
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            answers.Add($"{image}: the provider's answer is no CredentialProviderResponse the kubelet takes ({failure.Message})", problem: true);
        }
    }

    /// <summary>Where the provider kept its files on this run: by the config's env, as on every run the kubelet makes.</summary>
    private static string FilesNote(IReadOnlyDictionary<string, string> variables)
    {
        var paths = new HelperPaths(new ProviderEnvironment(variables));
        var cache = paths.HasCacheFolder ? $"its token cache in {paths.CacheFolder}" : "no token cache";
        var log = paths.HasStateFolder ? $"its log in {Path.Combine(paths.StateFolder, HelperLog.FileName)}" : "no log";
        return $"run with the config's env, the provider keeps {cache} and {log}, as under the kubelet (run doctor as root, as the kubelet runs it, so that they are root's)";
    }

    private static void Describe(JsonElement answer, string image, KubeletProvider provider, AnswerLines facts)
    {
        var cacheKeyType = answer.GetProperty("cacheKeyType").GetString();
        var logins = answer.GetProperty("auth").EnumerateObject().ToList();
        if (logins.Count == 0)
        {
            facts.Add(provider.TokenAttributes is null
                ? $"{image}: nothing (auth is empty): no node identity in the config's env; set one (IBMTP_MODE=vpc or powervs and IBMTP_PROFILE_ID, or an API key file)"
                : $"{image}: nothing for a pod without a profile annotation (auth is empty); annotated service accounts pull as their profile, and a node identity in the config's env would serve the rest",
                problem: provider.TokenAttributes is null);
            return;
        }
        foreach (var login in logins)
        {
            // Registered so that no line shows it, though none should.
            _ = new Secret(login.Value.GetProperty("password").GetString() ?? "");
            var duration = answer.TryGetProperty("cacheDuration", out var cache) ? cache.GetString() : "the config's defaultCacheDuration";
            facts.Add($"{image}: a login for {login.Name} as {login.Value.GetProperty("username").GetString()}, kept by the kubelet per {cacheKeyType} for {duration}");
        }
    }

    private (int? Exit, string Output, string Error) Execute(string executable, KubeletProvider provider)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in provider.Args)
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in setup!.Environment(environment.Get("PATH")))
            start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception failure)
        {
            return (127, "", $"{executable} could not be started: {failure.Message}");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(Request(provider.ApiVersion ?? KubeletApi.ApiVersion, setup.Image));
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The provider exited before reading the request; its exit status and stderr say why.
            }
            if (!process.WaitForExit(KubeletKillsAfter))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (null, "", "");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }

    private static string Request(string apiVersion, string image)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", apiVersion);
            json.WriteString("kind", KubeletApi.RequestKind);
            json.WriteString("image", image);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The answer's lines, each ending with where the run kept its files.</summary>
    private sealed class AnswerLines(FactSheet facts, string filesNote)
    {
        public void Add(string text, bool problem = false) => facts.Add(Fact, $"{text}; {filesNote}", problem);
    }

    /// <summary>The provider's environment as the kubelet gives it, read by the same rules the provider reads its own by.</summary>
    private sealed class ProviderEnvironment(IReadOnlyDictionary<string, string> variables) : IEnvironment
    {
        public string? Get(string name) => variables.TryGetValue(name, out var value) ? value : null;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "nothing on stderr";
}
