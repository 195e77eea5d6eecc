using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ibmtp.Frontends.Kubelet;
using Ibmtp.Hosts;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Diagnostics;

/// <summary>
/// <c>doctor --kubelet</c>: what the provider answers for the sample image, run as the kubelet runs it:
/// the executable in the bin dir with the config's <c>args</c>, PATH and the config's <c>env</c> (nothing else
/// of this shell's), a <c>CredentialProviderRequest</c> without a service-account token on stdin, killed
/// after a minute. The login is described by its user name and cache duration; its password is never shown.
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
        if (exit is null)
        {
            facts.Add(Fact, $"{image}: the provider had not answered after a minute, when the kubelet kills it", problem: true);
            return;
        }
        if (exit != 0)
        {
            facts.Add(Fact, $"{image}: the provider failed (exit {exit}): {FirstLine(error)}", problem: true);
            return;
        }
        try
        {
            using var answer = JsonDocument.Parse(output);
            Describe(answer.RootElement, image, provider, facts);
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            facts.Add(Fact, $"{image}: the provider's answer is no CredentialProviderResponse the kubelet takes ({failure.Message})", problem: true);
        }
    }

    private static void Describe(JsonElement answer, string image, KubeletProvider provider, FactSheet facts)
    {
        var cacheKeyType = answer.GetProperty("cacheKeyType").GetString();
        var logins = answer.GetProperty("auth").EnumerateObject().ToList();
        if (logins.Count == 0)
        {
            facts.Add(Fact, provider.TokenAttributes is null
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
            facts.Add(Fact, $"{image}: a login for {login.Name} as {login.Value.GetProperty("username").GetString()}, kept by the kubelet per {cacheKeyType} for {duration}");
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

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "nothing on stderr";
}
