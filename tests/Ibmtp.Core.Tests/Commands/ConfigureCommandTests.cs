using System.Text.Json.Nodes;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Commands;

/// <summary>
/// <c>configure</c> names the helper under credHelpers in docker's and the containers tools' auth
/// files, and changes nothing else in them.
/// </summary>
[TestFixture]
public sealed class ConfigureCommandTests : TempHomeFixture
{
    private static readonly string[] PublicHosts =
        ["icr.io", "au.icr.io", "br.icr.io", "ca.icr.io", "ca2.icr.io", "de.icr.io", "es.icr.io", "in.icr.io", "in2.icr.io", "jp.icr.io", "jp2.icr.io", "uk.icr.io", "us.icr.io"];

    private string DockerFile => Path.Combine(Home.Root, ".docker", "config.json");

    private string ContainersFile => Path.Combine(Home.Variables["XDG_CONFIG_HOME"], "containers", "auth.json");

    private string ContainersLoginFile => Path.Combine(Home.Variables["XDG_RUNTIME_DIR"], "containers", "auth.json");

    private HelperResult Configure(params string[] options) => HelperRun.Run(Home, ["configure", .. options], []);

    [Test]
    [Platform("Linux", Reason = "on Linux the containers tools' logins write to a runtime file of their own")]
    public void By_default_docker_and_the_containers_files_name_the_helper_for_icr_io_and_every_public_region()
    {
        var result = Configure();

        HelperAssert.Succeeds(result);
        foreach (var file in new[] { DockerFile, ContainersFile, ContainersLoginFile })
            Assert.That(Helpers(file), Is.EquivalentTo(PublicHosts.ToDictionary(host => host, _ => "ibmtp")), file);
    }

    [Test]
    [Platform("Linux", Reason = "on Linux the containers tools' logins write to a runtime file of their own")]
    public void New_files_and_their_folders_are_owner_only()
    {
        HelperAssert.Succeeds(Configure());

        foreach (var file in new[] { DockerFile, ContainersFile, ContainersLoginFile })
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(FileModes.OwnerOnlyFile), file);
            Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(file)!), Is.EqualTo(FileModes.OwnerOnlyFolder), file);
        }
    }

    [Test]
    public void Private_adds_private_icr_io_and_every_private_regional_host()
    {
        HelperAssert.Succeeds(Configure("--docker", "--private"));

        var hosts = Helpers(DockerFile).Keys;
        Assert.That(hosts, Has.Count.EqualTo(26));
        Assert.That(hosts, Does.Contain("private.icr.io").And.Contain("private.us.icr.io").And.Contain("private.jp2.icr.io").And.Contain("us.icr.io"));
    }

    [Test]
    public void Registries_replaces_the_list_with_the_hosts_given_normalised()
    {
        HelperAssert.Succeeds(Configure("--docker", "--registries", "US.icr.io, https://de.icr.io/,localhost:5000"));

        Assert.That(Helpers(DockerFile).Keys, Is.EqualTo(new[] { "us.icr.io", "de.icr.io", "localhost:5000" }));
    }

    [Test]
    public void Docker_alone_leaves_the_containers_files_alone_and_containers_alone_leaves_docker_alone()
    {
        HelperAssert.Succeeds(Configure("--docker"));
        Assert.That(ContainersFile, Does.Not.Exist);

        File.Delete(DockerFile);
        HelperAssert.Succeeds(Configure("--containers"));
        Assert.That(DockerFile, Does.Not.Exist);
        Assert.That(ContainersFile, Does.Exist);
    }

    [Test]
    public void Every_other_byte_of_an_existing_file_stays_as_it_was()
    {
        const string before = "{\n    \"auths\": {\n        \"quay.io\": {\n            \"auth\": \"eA==\"\n        }\n    },\n    \"credsStore\": \"desktop\",\n    \"credHelpers\": {\"gcr.io\": \"gcloud\"},\n    \"unknown\": {\"x\": [1, 2], \"é\": \"<&>\"}\n}\n";
        Home.WriteFile(DockerFile, before);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo(before.Replace(
            "\"credHelpers\": {\"gcr.io\": \"gcloud\"},",
            "\"credHelpers\": {\n        \"gcr.io\": \"gcloud\",\n        \"us.icr.io\": \"ibmtp\"\n    },")));
    }

    [Test]
    public void A_file_without_credHelpers_gets_it_appended_in_the_files_own_indentation()
    {
        Home.WriteFile(DockerFile, "{\n\t\"auths\": {}\n}");

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("{\n\t\"auths\": {},\n\t\"credHelpers\": {\n\t\t\"us.icr.io\": \"ibmtp\"\n\t}\n}"));
    }

    [Test]
    public void A_compact_file_stays_compact()
    {
        Home.WriteFile(DockerFile, """{"auths":{}}""");

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("""{"auths":{},"credHelpers":{"us.icr.io":"ibmtp"}}"""));
    }

    [Test]
    [Platform("Linux", Reason = "on Linux the containers tools' logins write to a runtime file of their own")]
    public void A_second_run_changes_nothing_not_even_the_modification_time()
    {
        HelperAssert.Succeeds(Configure());
        var files = new[] { DockerFile, ContainersFile, ContainersLoginFile };
        var written = files.ToDictionary(file => file, File.ReadAllBytes);
        var past = DateTime.UtcNow.AddHours(-1);
        foreach (var file in files)
            File.SetLastWriteTimeUtc(file, past);

        var second = Configure();

        HelperAssert.Succeeds(second);
        Assert.That(second.Stdout, Does.Contain("already configured"));
        foreach (var file in files)
        {
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(written[file]), file);
            Assert.That(File.GetLastWriteTimeUtc(file), Is.EqualTo(past), file);
            Assert.That(file + ".bak", Does.Not.Exist);
        }
    }

    [Test]
    public void A_file_with_CRLF_line_breaks_keeps_them_in_what_is_added()
    {
        Home.WriteFile(DockerFile, "{\r\n  \"auths\": {}\r\n}\r\n");

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("{\r\n  \"auths\": {},\r\n  \"credHelpers\": {\r\n    \"us.icr.io\": \"ibmtp\"\r\n  }\r\n}\r\n"));
    }

    [Test]
    public void A_byte_order_mark_is_kept()
    {
        File.WriteAllBytes(Home.WriteFile(DockerFile, ""), [0xEF, 0xBB, 0xBF, .. "{\"auths\":{}}"u8]);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllBytes(DockerFile)[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Helpers(DockerFile).Keys, Is.EqualTo(new[] { "us.icr.io" }));
    }

    [Test]
    public void An_empty_file_is_written_as_a_new_one_would_be()
    {
        Home.WriteFile(DockerFile, "");

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("{\n\t\"credHelpers\": {\n\t\t\"us.icr.io\": \"ibmtp\"\n\t}\n}\n"));
    }

    [Test]
    public void A_symlinked_file_is_written_where_the_link_points_and_the_link_stays()
    {
        var real = Home.WriteFile(Path.Combine("dotfiles", "config.json"), "{}");
        Directory.CreateDirectory(Path.GetDirectoryName(DockerFile)!);
        File.CreateSymbolicLink(DockerFile, real);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(new FileInfo(DockerFile).LinkTarget, Is.EqualTo(real));
        Assert.That(Helpers(real).Keys, Is.EqualTo(new[] { "us.icr.io" }));
    }

    [TestCase("""{"credHelpers":{"\ud800":"x"}}""", """{"credHelpers":{"\ud800":"x","us.icr.io":"ibmtp"}}""")]
    [TestCase("""{"credHelpers":{"gcr.io":"\udfff"}}""", """{"credHelpers":{"gcr.io":"\udfff","us.icr.io":"ibmtp"}}""")]
    [TestCase("""{"auths":{"\ud800":{}}}""", """{"auths":{"\ud800":{}},"credHelpers":{"us.icr.io":"ibmtp"}}""")]
    [TestCase("""{"credsStore":"\ud800"}""", """{"credsStore":"\ud800","credHelpers":{"us.icr.io":"ibmtp"}}""")]
    public void An_escaped_lone_surrogate_which_docker_reads_as_U_FFFD_is_kept_as_written(string before, string after)
    {
        Home.WriteFile(DockerFile, before);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo(after));
    }

    [Test]
    public void A_byte_that_is_not_UTF_8_elsewhere_in_the_file_is_kept()
    {
        byte[] before = [.. "{\"unknown\":\""u8, 0xFF, 0xC3, .. "\",\"credHelpers\":{}}"u8];
        Directory.CreateDirectory(Path.GetDirectoryName(DockerFile)!);
        File.WriteAllBytes(DockerFile, before);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(File.ReadAllBytes(DockerFile), Is.EqualTo((byte[])[.. before[..^3], .. "{\"us.icr.io\":\"ibmtp\"}}"u8]));
    }

    [Test]
    public void A_duplicate_key_is_an_error_naming_the_file_and_the_file_is_left_untouched()
    {
        const string content = """{"auths":{"us.icr.io":{},"us.icr.io":{}}}""";
        Home.WriteFile(DockerFile, content);

        var result = Configure("--docker");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith($"docker-credential-ibmtp configure: {DockerFile} is not valid JSON").And.Contain("us.icr.io"));
        Assert.That(result.Stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo(content));
    }

    [Test]
    public void A_malformed_second_file_stops_the_run_before_the_first_is_written()
    {
        const string docker = """{"auths":{}}""";
        Home.WriteFile(DockerFile, docker);
        Home.WriteFile(ContainersFile, "{");

        var result = Configure();

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo(docker));
        Assert.That(DockerFile + ".bak", Does.Not.Exist);
    }

    [Test]
    public void An_empty_auths_entry_is_no_stored_login_and_draws_no_warning()
    {
        Home.WriteFile(DockerFile, """{"auths":{"us.icr.io":{}}}""");

        Assert.That(Configure("--docker", "--registries", "us.icr.io").Stderr, Does.Not.Contain("stored login"));
    }

    [Test]
    public void A_host_that_is_not_ICR_is_configured_with_a_warning_that_the_helper_must_opt_it_in()
    {
        var result = Configure("--docker", "--registries", "registry.example.com:5000");

        HelperAssert.Succeeds(result);
        Assert.That(result.Stderr, Does.Contain("IBMTP_REGISTRIES=registry.example.com:5000"));
    }

    [Test]
    public void Dry_run_of_a_new_file_diffs_against_nothing()
    {
        var result = Configure("--docker", "--registries", "us.icr.io", "--dry-run");

        Assert.That(result.Stdout, Does.Contain($"--- /dev/null\n+++ {DockerFile}\n@@ -0,0 +1,5 @@\n+{{\n"));
        Assert.That(result.Stdout, Does.Contain("would name"));
        Assert.That(DockerFile, Does.Not.Exist);
    }

    [Test]
    public void Dry_run_never_shows_the_logins_around_the_change()
    {
        Home.WriteFile(DockerFile, """
            {
              "auths": {
                "docker.io": {"auth": "ZHJ5LXJ1bi11c2VyOmRyeS1ydW4tc2VjcmV0"},
                "quay.io": {"username": "u", "password": "dry-run-password", "identitytoken": "dry-run-identity-token"}
              }
            }
            """);

        var result = Configure("--docker", "--registries", "us.icr.io", "--dry-run");

        HelperAssert.Succeeds(result);
        Assert.That(result.Stdout, Does.Contain("credHelpers").And.Contain("[REDACTED]"));
        Assert.That(result.Stdout, Does.Not.Contain("ZHJ5LXJ1bi11c2VyOmRyeS1ydW4tc2VjcmV0").And.Not.Contain("dry-run-password").And.Not.Contain("dry-run-identity-token"));
    }

    [Test]
    public void Dry_run_never_shows_a_login_however_its_field_is_spelled_nor_a_header_or_proxy_credential()
    {
        Home.WriteFile(DockerFile, """
            {
              "auths": {
                "docker.io": {"\u0061uth": "ZXNjYXBlZC1maWVsZC1zZWNyZXQ="},
                "quay.io": {
                  "Password":


                    "far-below-its-name-password"
                }
              },
              "HttpHeaders": {"Authorization": "Bearer header-bearer-token"},
              "proxies": {"default": {"httpsProxy": "http://proxy-user:proxy-password@proxy.example:3128"}}
            }
            """);

        var result = Configure("--docker", "--registries", "us.icr.io", "--dry-run");

        HelperAssert.Succeeds(result);
        Assert.That(result.Stdout, Does.Contain("credHelpers").And.Contain("proxy.example:3128"));
        Assert.That(result.Stdout, Does.Not.Contain("ZXNjYXBlZC1maWVsZC1zZWNyZXQ=").And.Not.Contain("far-below-its-name-password")
            .And.Not.Contain("header-bearer-token").And.Not.Contain("proxy-password"));
    }

    [TestCase("p")]
    [TestCase("p+w")]
    public void Dry_run_never_shows_a_secret_however_short(string password)
    {
        Home.WriteFile(DockerFile, $$$"""
            {
              "auths": {"quay.io": {"username": "u", "password": "{{{password}}}", "auth": "{{{password}}}"}},
              "HttpHeaders": {"X-Token": "{{{password}}}"},
              "proxies": {"default": {"httpsProxy": "http://u:{{{password}}}@proxy.example:3128"}}
            }
            """);

        var result = Configure("--docker", "--registries", "us.icr.io", "--dry-run");

        HelperAssert.Succeeds(result);
        Assert.That(result.Stdout, Does.Contain("""
               "auths": {"quay.io": {"username": "u", "password": "[REDACTED]", "auth": "[REDACTED]"}},
               "HttpHeaders": {"X-Token": "[REDACTED]"},
            -  "proxies": {"default": {"httpsProxy": "http://[REDACTED]@proxy.example:3128"}}
            +  "proxies": {"default": {"httpsProxy": "http://[REDACTED]@proxy.example:3128"}},
            """));
    }

    [Test]
    public void The_previous_file_is_kept_as_bak()
    {
        const string before = """{"auths":{}}""";
        Home.WriteFile(DockerFile, before);

        HelperAssert.Succeeds(Configure("--docker"));

        Assert.That(File.ReadAllText(DockerFile + ".bak"), Is.EqualTo(before));
        Assert.That(File.GetUnixFileMode(DockerFile + ".bak"), Is.EqualTo(FileModes.OwnerOnlyFile));
    }

    [Test]
    public void The_first_original_is_kept_as_bak_through_later_changes_and_a_users_own_bak_is_never_replaced()
    {
        const string before = """{"auths":{}}""";
        Home.WriteFile(DockerFile, before);
        Home.WriteFile(ContainersFile, "{}");
        Home.WriteFile(ContainersFile + ".bak", "my own backup");

        HelperAssert.Succeeds(Configure("--registries", "us.icr.io"));
        HelperAssert.Succeeds(Configure("--registries", "de.icr.io"));

        Assert.That(File.ReadAllText(DockerFile + ".bak"), Is.EqualTo(before));
        Assert.That(File.ReadAllText(ContainersFile + ".bak"), Is.EqualTo("my own backup"));
    }

    [Test]
    public void A_read_only_file_keeps_its_mode()
    {
        Home.WriteFile(DockerFile, """{"auths":{}}""");
        File.SetUnixFileMode(DockerFile, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(Helpers(DockerFile).Keys, Is.EqualTo(new[] { "us.icr.io" }));
        Assert.That(File.GetUnixFileMode(DockerFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
    }

    [Test]
    public void Root_editing_another_users_file_leaves_it_and_its_bak_theirs_with_the_files_mode()
    {
        Assume.That(Ibmtp.Interop.Unix.CurrentProcess.UserId(), Is.Zero, "only root can edit another user's file");
        const UnixFileMode shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        Home.WriteFile(DockerFile, """{"auths":{}}""");
        File.SetUnixFileMode(DockerFile, shared);
        GiveToAnotherUser(Path.GetDirectoryName(DockerFile)!, DockerFile);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(Helpers(DockerFile).Keys, Is.EqualTo(new[] { "us.icr.io" }));
        Assert.That(OwnerOf(DockerFile), Is.EqualTo(AnotherUser));
        Assert.That(File.GetUnixFileMode(DockerFile), Is.EqualTo(shared));
        Assert.That(OwnerOf(DockerFile + ".bak"), Is.EqualTo(AnotherUser));
        Assert.That(OwnerOf(DockerFile + ".lock"), Is.EqualTo(AnotherUser));
    }

    [Test]
    public void What_root_creates_in_another_users_home_is_theirs()
    {
        Assume.That(Ibmtp.Interop.Unix.CurrentProcess.UserId(), Is.Zero, "only root can create files for another user");
        GiveToAnotherUser(Home.Root);

        HelperAssert.Succeeds(Configure("--docker", "--registries", "us.icr.io"));

        Assert.That(OwnerOf(Path.GetDirectoryName(DockerFile)!), Is.EqualTo(AnotherUser));
        Assert.That(OwnerOf(DockerFile), Is.EqualTo(AnotherUser));
        Assert.That(File.GetUnixFileMode(DockerFile), Is.EqualTo(FileModes.OwnerOnlyFile));
    }

    private const string AnotherUser = "4242:4343";

    private static void GiveToAnotherUser(params string[] paths)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [AnotherUser, .. paths]);
        chown.WaitForExit();
        Assert.That(chown.ExitCode, Is.Zero);
    }

    private static string OwnerOf(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }

    [Test]
    public void A_stored_login_for_a_configured_host_is_kept_with_a_warning_naming_the_host()
    {
        Home.WriteFile(DockerFile, """{"auths":{"https://us.icr.io":{"auth":"eA=="}}}""");

        var result = Configure("--docker", "--registries", "us.icr.io");

        HelperAssert.Succeeds(result);
        Assert.That(result.Stderr, Does.Contain("warning:").And.Contain("https://us.icr.io"));
        Assert.That(JsonNode.Parse(File.ReadAllText(DockerFile))!["auths"]!["https://us.icr.io"], Is.Not.Null);
    }

    [Test]
    public void Remove_takes_out_only_the_entries_that_name_ibmtp()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"gcr.io":"gcloud","us.icr.io":"ibmtp","de.icr.io":"ibmtp"}}""");

        HelperAssert.Succeeds(Configure("--docker", "--remove"));

        Assert.That(Helpers(DockerFile), Is.EqualTo(new Dictionary<string, string> { ["gcr.io"] = "gcloud" }));
    }

    [Test]
    public void Dry_run_prints_a_unified_diff_and_writes_nothing()
    {
        Home.WriteFile(DockerFile, "{\n\t\"auths\": {}\n}\n");

        var result = Configure("--docker", "--registries", "us.icr.io", "--dry-run");

        HelperAssert.Succeeds(result);
        Assert.That(result.Stdout, Does.Contain($"--- {DockerFile}\n+++ {DockerFile}\n@@ -1,3 +1,6 @@\n {{\n-\t\"auths\": {{}}\n+\t\"auths\": {{}},\n+\t\"credHelpers\": {{\n+\t\t\"us.icr.io\": \"ibmtp\"\n+\t}}\n }}"));
        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("{\n\t\"auths\": {}\n}\n"));
        Assert.That(DockerFile + ".bak", Does.Not.Exist);
    }

    [TestCase("{\n  \"auths\": {,\n}", 2, 13)]
    [TestCase("[1, 2]", 0, 0)]
    public void A_malformed_file_is_an_error_naming_the_file_and_is_left_untouched(string content, int line, int column)
    {
        Home.WriteFile(DockerFile, content);

        var result = Configure("--docker");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith($"docker-credential-ibmtp configure: {DockerFile} is not"));
        if (line > 0)
            Assert.That(result.Stderr, Does.Contain($"line {line}, column {column}"));
        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo(content));
    }

    [Test]
    public void A_helper_not_on_PATH_and_credsStore_ibmtp_are_warned_about()
    {
        Home.Variables["PATH"] = Path.Combine(Home.Root, "empty-bin");
        Home.WriteFile(DockerFile, """{"credsStore":"ibmtp"}""");

        var result = Configure("--docker");

        Assert.That(result.Stderr, Does.Contain("not on PATH").And.Contain("credsStore is \"ibmtp\""));
    }

    [Test]
    [Platform("Linux", Reason = "on Linux the containers tools' logins write to a runtime file of their own")]
    public void The_containers_logins_file_is_named_and_the_REGISTRY_AUTH_FILE_export_suggested()
    {
        var result = Configure("--containers");

        Assert.That(result.Stdout, Does.Contain(ContainersLoginFile).And.Contain($"export REGISTRY_AUTH_FILE={ContainersFile}"));
    }

    [Test]
    public void With_REGISTRY_AUTH_FILE_that_one_file_is_configured_for_the_containers_tools()
    {
        var chosen = Path.Combine(Home.Root, "chosen", "auth.json");
        Home.Variables["REGISTRY_AUTH_FILE"] = chosen;

        var result = Configure("--containers");

        HelperAssert.Succeeds(result);
        Assert.That(Helpers(chosen), Has.Count.EqualTo(PublicHosts.Length));
        Assert.That(ContainersFile, Does.Not.Exist);
        Assert.That(ContainersLoginFile, Does.Not.Exist);
        Assert.That(result.Stdout, Does.Not.Contain("export"));
    }

    [Test]
    public void DOCKER_CONFIG_moves_dockers_file()
    {
        Home.Variables["DOCKER_CONFIG"] = Path.Combine(Home.Root, "docker-elsewhere");

        HelperAssert.Succeeds(Configure("--docker"));

        Assert.That(Path.Combine(Home.Root, "docker-elsewhere", "config.json"), Does.Exist);
        Assert.That(DockerFile, Does.Not.Exist);
    }

    [TestCase("--registries", "not a host")]
    [TestCase("--frobnicate")]
    public void Bad_options_are_a_one_line_error_on_stderr(params string[] options)
    {
        var result = Configure(options);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(DockerFile, Does.Not.Exist);
    }

    private static Dictionary<string, string> Helpers(string file) =>
        JsonNode.Parse(File.ReadAllText(file))!["credHelpers"]!.AsObject().ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>());
}
