using Ibmtp.Hosts;

namespace Ibmtp.Diagnostics;

/// <summary>
/// <c>doctor --kubelet</c>: the executable the kubelet runs, <c>&lt;--image-credential-provider-bin-dir&gt;/&lt;name&gt;</c>:
/// there, executable, and when it is missing, whether the folder holds the helper under its own name.
/// </summary>
public sealed class KubeletProviderFileCheck(KubeletSetup? setup) : IDoctorCheck
{
    private const string Fact = "kubelet provider";

    public void Run(RegistryHost host, FactSheet facts)
    {
        if (setup?.Provider is not { } provider)
            return;
        if (setup.BinDir is { } given && !Directory.Exists(given))
        {
            facts.Add(Fact, $"{given} does not exist: the kubelet does not start with it as --image-credential-provider-bin-dir", problem: true);
            return;
        }
        if (KubeletConfigRules.Name(provider.Name) is { } refusal)
        {
            facts.Add(Fact, refusal, problem: true);
            return;
        }
        if (setup.Executable is { } executable)
        {
            facts.Add(Fact, IsExecutable(executable) ? executable : $"{executable} is not executable: chmod 0755 it", problem: !IsExecutable(executable));
            return;
        }
        var folders = string.Join(" or ", setup.BinDirs);
        var helper = setup.BinDirs.Select(folder => Path.Combine(folder, HelperInfo.Name)).FirstOrDefault(File.Exists);
        facts.Add(Fact, provider.Name != HelperInfo.Name && helper is not null
            ? $"the provider is named {provider.Name}, but the kubelet runs the file of that name and {Path.GetDirectoryName(helper)} holds {HelperInfo.Name}: set name: {HelperInfo.Name}"
            : $"no {provider.Name} in {folders}: put the binary there (installer.yaml does), or give the kubelet's --image-credential-provider-bin-dir", problem: true);
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
