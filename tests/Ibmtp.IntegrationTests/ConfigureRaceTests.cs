using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `configure` shares docker's config.json with other runs of itself, with the docker CLI (which saves
/// it as a temporary file renamed into place, without a lock) and with kill -9: it loses none of their
/// writes, never leaves half a file, and the next run removes any temporary file a killed one left.
/// </summary>
[TestFixture]
public sealed class ConfigureRaceTests
{
    private const int RaceRounds = 10;
    private const int ParallelConfigures = 4;
    private const int KillRounds = 100;
    private const int CalibrationRuns = 15;
    private const string Before = "{\n\t\"auths\": {\n\t\t\"quay.io\": {\n\t\t\t\"auth\": \"a2lsbC1uaW5lLXVzZXI6a2lsbC1uaW5lLXNlY3JldA==\"\n\t\t}\n\t}\n}\n";

    [Test]
    public async Task Parallel_configures_each_name_their_host()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        for (var round = 0; round < RaceRounds; round++)
        {
            File.WriteAllText(home.DockerConfigFile, Before);
            var hosts = Enumerable.Range(0, ParallelConfigures).Select(index => $"r{round}-{index}.example.com").ToList();

            var runs = await Task.WhenAll(hosts.Select(host => helper.RunWithArgumentsAsync("configure", "--docker", "--registries", host)));

            Assert.That(runs.Where(run => !run.Succeeded), Is.Empty, $"round {round}");
            Assert.That(Helpers(home).Keys, Is.EquivalentTo(hosts), $"round {round}: a configure lost another's host");
            Assert.That(Logins(home), Is.EquivalentTo(new[] { "quay.io" }), $"round {round}");
        }
    }

    [Test]
    public async Task A_docker_style_writer_loses_no_login_to_parallel_configures()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        for (var round = 0; round < RaceRounds; round++)
        {
            File.WriteAllText(home.DockerConfigFile, Before);
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(() => LogInAsDockerDoes(home.DockerConfigFile, $"round{round}", stop.Token));

            var runs = await Task.WhenAll(Enumerable.Range(0, ParallelConfigures).Select(index =>
                helper.RunWithArgumentsAsync("configure", "--docker", "--registries", $"r{index}.example.com")));
            await stop.CancelAsync();
            var written = await writer;

            Assert.That(runs.Where(run => !run.Succeeded), Is.Empty, $"round {round}");
            Assert.That(written, Is.GreaterThan(0), $"round {round}: the writer must have logged in while configure ran");
            Assert.That(Logins(home), Is.SupersetOf(Enumerable.Range(0, written).Select(index => Registry($"round{round}", index))), $"round {round}: configure lost a login the writer saved");
        }
    }

    [Test]
    public void A_configure_killed_anywhere_leaves_the_file_old_or_new_and_the_next_run_removes_any_temporary_file()
    {
        using var home = new TestHome();
        string[] configure = ["configure", "--docker", "--registries", "us.icr.io"];
        var durations = new List<TimeSpan>();
        for (var run = 0; run < CalibrationRuns; run++)
        {
            File.WriteAllText(home.DockerConfigFile, Before);
            var calibration = SpawnedHelper.RunKillingAfter(home, configure, "", killAfter: null);
            Assert.That(calibration.ExitCode, Is.EqualTo(0), $"calibration: {calibration.StandardOutput}");
            durations.Add(calibration.Elapsed);
        }
        var configured = File.ReadAllText(home.DockerConfigFile);
        Assert.That(configured, Is.Not.EqualTo(Before));
        var schedule = KillSchedule.From(durations, "configure");
        var tally = new KillTally(schedule);

        for (var index = 0; index < KillRounds; index++)
        {
            var round = $"round {index}, {schedule}";
            File.WriteAllText(home.DockerConfigFile, Before);

            var run = SpawnedHelper.RunKillingAfter(home, configure, "", schedule.NextDelay());
            var temporaries = HelperFiles.Temporaries(home.DockerConfigDirectory);
            var after = File.ReadAllText(home.DockerConfigFile);
            Assert.That(after, Is.EqualTo(Before).Or.EqualTo(configured), $"{round}: the file must be whole, old or new");

            var next = SpawnedHelper.RunKillingAfter(home, configure, "", killAfter: null);
            Assert.That(next.ExitCode, Is.EqualTo(0), $"{round}: {next.StandardOutput}");
            Assert.That(HelperFiles.Temporaries(home.DockerConfigDirectory), Is.Empty, $"{round}: the next run must remove what the kill left ({string.Join(", ", temporaries)})");
            tally.Record(run, temporaries.Count > 0, after == configured);
        }

        TestContext.Progress.WriteLine($"configure: {tally}");
        tally.AssertMostRoundsKilled();
        Assert.That(tally.LeftATemporary, Is.GreaterThan(0), $"some kills must land between the write and the rename: {tally}");
    }

    /// <summary>
    /// Saves one login after another as the docker CLI does: read the file, add the entry, write a
    /// temporary file and rename it into place, with no lock. Returns how many it saved.
    /// </summary>
    private static int LogInAsDockerDoes(string file, string prefix, CancellationToken stop)
    {
        var saved = 0;
        var pause = new Random();
        while (!stop.IsCancellationRequested)
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            json["auths"]![Registry(prefix, saved)] = new JsonObject { ["auth"] = "d3JpdGVyOnNlY3JldA==" };
            var temporary = $"{file}{Random.Shared.Next()}";
            File.WriteAllText(temporary, json.ToJsonString(new() { WriteIndented = true }));
            File.Move(temporary, file, overwrite: true);
            saved++;
            // A docker login is a process of its own that talks to a registry first: far slower than this.
            Thread.Sleep(pause.Next(5, 15));
        }

        return saved;
    }

    private static string Registry(string prefix, int index) => $"{prefix}-{index}.example.com";

    private static Dictionary<string, string> Helpers(TestHome home) =>
        (JsonNode.Parse(File.ReadAllText(home.DockerConfigFile))!["credHelpers"]?.AsObject() ?? [])
            .ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>());

    private static IEnumerable<string> Logins(TestHome home) =>
        JsonNode.Parse(File.ReadAllText(home.DockerConfigFile))!["auths"]!.AsObject().Select(entry => entry.Key);
}
