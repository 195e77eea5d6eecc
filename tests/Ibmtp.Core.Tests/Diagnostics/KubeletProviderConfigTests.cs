using System.Diagnostics;
using System.Text;
using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>
/// Reading the kubelet's provider config: YAML the reader does not take is refused naming the file and
/// the line, and a file that cannot be read gets the advice true for why it cannot.
/// </summary>
public class KubeletProviderConfigTests : KubeletCheckFixture
{
    [Test]
    public void Reads_the_shipped_config()
    {
        Home.WriteFile(ConfigPath, ShippedConfig);

        Assert.That(KubeletProviderConfig.Read(ConfigPath).Single().Name, Is.EqualTo(HelperInfo.Name));
    }

    [Test]
    public void Reads_the_JSON_form()
    {
        Home.WriteFile(ConfigPath, """{"kind": "CredentialProviderConfig", "providers": [{"name": "a", "matchImages": ["icr.io"], "env": [{"name": "X", "value": "1"}]}]}""");

        var provider = KubeletProviderConfig.Read(ConfigPath).Single();

        Assert.That(provider.MatchImages, Is.EqualTo(new[] { "icr.io" }));
        Assert.That(provider.Env, Is.EqualTo(new[] { KeyValuePair.Create("X", "1") }));
    }

    [Test]
    public void An_alias_is_refused_with_the_file_and_its_line()
    {
        Home.WriteFile(ConfigPath, Shipped("  - name: docker-credential-ibmtp", "  - name: *helper"));

        var error = Assert.Throws<HelperException>(() => KubeletProviderConfig.Read(ConfigPath))!;

        Assert.That(error.Message, Does.StartWith($"{ConfigPath}: line ").And.Contain(" uses an alias (*), which doctor does not read; the kubelet does"));
    }

    [Test]
    public void Bytes_that_are_not_UTF_8_are_refused_not_read_as_replacement_characters()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.WriteAllBytes(ConfigPath, [.. Encoding.UTF8.GetBytes("kind: CredentialProviderConfig\nproviders:\n- name: caf"), 0xE9, .. "\n"u8]);

        var error = Assert.Throws<HelperException>(() => KubeletProviderConfig.Read(ConfigPath))!;

        Assert.That(error.Message, Is.EqualTo($"{ConfigPath}: line 3 is not UTF-8, which the kubelet refuses too: save the file as UTF-8"));
    }

    [Test]
    public void A_file_over_doctor_s_bound_says_the_bound_is_doctor_s()
    {
        Home.WriteFile(ConfigPath, "# " + new string('x', 1024 * 1024) + "\n");

        var error = Assert.Throws<HelperException>(() => KubeletProviderConfig.Read(ConfigPath))!;

        Assert.That(error.Message, Does.Contain("1 MiB is doctor's bound, not the kubelet's").And.Not.Contain("kubelet's user"));
    }

    [Test]
    public void A_symbolic_link_loop_says_so_and_not_to_run_as_root()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.CreateSymbolicLink(ConfigPath, ConfigPath);

        var error = Assert.Throws<HelperException>(() => KubeletProviderConfig.Read(ConfigPath))!;

        Assert.That(error.Message, Does.Contain("its symbolic links loop").And.Not.Contain("kubelet's user"));
    }

    [Test]
    public void A_FIFO_is_not_a_matter_of_running_as_root()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        using (var mkfifo = Process.Start("mkfifo", [ConfigPath]))
            mkfifo.WaitForExit();

        var error = Assert.Throws<HelperException>(() => KubeletProviderConfig.Read(ConfigPath))!;

        Assert.That(error.Message, Does.Contain("not a regular file").And.Not.Contain("kubelet's user"));
    }

    [Test]
    public void Permission_denied_says_to_run_doctor_as_the_kubelet_s_user()
    {
        // The advice is asked for directly: these tests run as root too, who reads a file of mode 000.
        Assert.That(KubeletProviderConfig.ReadFailureAdvice(new UnauthorizedAccessException("Access to the path is denied.")),
            Does.Contain("run doctor as the kubelet's user (root)"));
    }
}
