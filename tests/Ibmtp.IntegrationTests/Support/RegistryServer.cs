using System.Diagnostics;
using System.Net;
using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Debian's docker-registry (distribution v2) on 127.0.0.1 over plain HTTP, with filesystem storage in
/// a temp directory and htpasswd basic auth for exactly one user (or token auth, see <see cref="StartWithTokenAuthAsync"/>).
/// </summary>
public sealed partial class RegistryServer : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    private readonly TempDirectory directory;
    private readonly Process process;
    private readonly StringBuilder log;

    private RegistryServer(TempDirectory directory, Process process, StringBuilder log, int port, string username, string password)
    {
        this.directory = directory;
        this.process = process;
        this.log = log;
        Port = port;
        Username = username;
        Password = password;
    }

    public int Port { get; }

    /// <summary>host:port, the form the clients and their credHelpers entries use.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public string Username { get; }

    public string Password { get; }

    /// <summary>Everything the registry has printed: startup messages and one access-log line per request.</summary>
    public string Log => Snapshot(log);

    public static async Task<RegistryServer> StartAsync(string username, string password)
    {
        var hashedPassword = await HashPasswordAsync(Peers.Require("htpasswd"), username, password);
        return await StartAsync(username, password, (directory, realm) =>
        {
            var htpasswdFile = Path.Combine(directory.Path, "htpasswd");
            File.WriteAllText(htpasswdFile, hashedPassword);
            return $"""
                auth:
                  htpasswd:
                    realm: "{realm}"
                    path: "{htpasswdFile}"
                """;
        });
    }

    /// <summary>Starts docker-registry with the <c>auth:</c> section <paramref name="auth"/> returns, the only part of its config that varies.</summary>
    /// <param name="auth">
    /// Given the registry's directory and a name unique to this start attempt, writes any file the section
    /// refers to and returns the section, whose 401 challenge must carry that name (as realm or service).
    /// </param>
    private static async Task<RegistryServer> StartAsync(string username, string password, Func<TempDirectory, string, string> auth)
    {
        var registry = Peers.Require("docker-registry");
        var directory = new TempDirectory("ibmtp-registry");
        try
        {
            var failures = new StringBuilder();
            // The free port is only probed, so another process can take it before the registry binds it.
            for (var attempt = 1; attempt <= StartAttempts; attempt++)
            {
                var port = FreePort.Probe();
                // Unique per attempt: the challenge of this very instance names it, which nothing else on the port would.
                var challenge = $"ibmtp-test-{Guid.NewGuid():N}";
                var config = Path.Combine(directory.Path, "config.yml");
                await File.WriteAllTextAsync(config, Configuration(port, directory.Subdirectory("storage"), auth(directory, challenge)));

                var log = new StringBuilder();
                var process = Launch(registry, config, log);
                if (await AnswersAsync(process, port, challenge))
                {
                    return new RegistryServer(directory, process, log, port, username, password);
                }

                await StopAsync(process);
                failures.AppendLine($"attempt {attempt} on port {port}:").AppendLine(Snapshot(log));
            }

            throw new InvalidOperationException($"docker-registry did not start:\n{failures}");
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(process);
        directory.Dispose();
    }

    // htpasswd reads the password from stdin (-i) so it never appears in a process listing.
    private static async Task<string> HashPasswordAsync(string htpasswd, string username, string password)
    {
        var result = await ProcessRunner.RunAsync(htpasswd, ["-n", "-i", "-B", username], new ProcessOptions { StandardInput = password });
        return result.Succeeded ? result.StandardOutput.Trim() + "\n" : throw new InvalidOperationException($"htpasswd failed:\n{result}");
    }

    private static string Configuration(int port, string storage, string auth) => $"""
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: "{storage}"
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: "127.0.0.1:{port}"
          secret: "{Guid.NewGuid():N}"
        {auth}
        """;

    private static Process Launch(string registry, string config, StringBuilder log)
    {
        var startInfo = new ProcessStartInfo(registry)
        {
            ArgumentList = { "serve", config },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // REGISTRY_* variables would override the config file, so the registry sees none of ours.
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = "/usr/bin:/bin";

        var process = new Process { StartInfo = startInfo };
        DataReceivedEventHandler append = (_, line) =>
        {
            lock (log)
            {
                log.AppendLine(line.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Polls /v2/ until it is refused with this instance's own challenge: a 401 alone could come from
    /// whatever else took the port.
    /// </summary>
    private static async Task<bool> AnswersAsync(Process process, int port, string challenge)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout && !process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync($"http://127.0.0.1:{port}/v2/");
                if (response.StatusCode == HttpStatusCode.Unauthorized
                    && response.Headers.WwwAuthenticate.ToString().Contains(challenge, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return false;
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var deadline = new CancellationTokenSource(ShutdownTimeout);
        await process.WaitForExitAsync(deadline.Token);
        process.Dispose();
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
