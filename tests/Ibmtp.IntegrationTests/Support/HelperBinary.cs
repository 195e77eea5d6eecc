namespace Ibmtp.IntegrationTests;

/// <summary>
/// The NativeAOT docker-credential-ibmtp under test: the file named by IBMTP_TEST_BINARY, or else
/// one published from src/ once per test run.
/// </summary>
public static class HelperBinary
{
    public const string FileName = "docker-credential-ibmtp";
    private const string OverrideVariable = "IBMTP_TEST_BINARY";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    // A failed publish is cached too: every test then reports the same build error instead of retrying it.
    private static readonly Lazy<string> Located = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Located.Value;

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? System.IO.Path.GetFullPath(configured)
                : throw new FileNotFoundException($"{OverrideVariable} names a file that does not exist", configured);
        }

        return Publish();
    }

    private static string Publish()
    {
        var root = RepositoryRoot.Find();
        var output = System.IO.Path.Combine(root, "artifacts", "test-publish");
        var project = System.IO.Path.Combine(root, "src", "Ibmtp.Helper", "Ibmtp.Helper.csproj");
        var result = ProcessRunner.RunAsync(
            "dotnet",
            ["publish", project, "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-o", output, "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            new ProcessOptions { Environment = WithoutParentMsBuildState(), InheritEnvironment = false, Timeout = PublishTimeout, WorkingDirectory = root })
            .GetAwaiter().GetResult();
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"publishing the helper failed:\n{result}");
        }

        var binary = System.IO.Path.Combine(output, FileName);
        return File.Exists(binary)
            ? binary
            : throw new FileNotFoundException("dotnet publish succeeded but left no helper binary", binary);
    }

    /// <summary>
    /// This process's environment less what `dotnet test` exports about its own MSBuild and test host:
    /// a nested build that inherits those can pick the wrong SDK pieces.
    /// </summary>
    private static Dictionary<string, string> WithoutParentMsBuildState() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(variable => (Name: (string)variable.Key, Value: (string?)variable.Value ?? string.Empty))
            .Where(variable => !variable.Name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                && !variable.Name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(variable => variable.Name, variable => variable.Value);
}
