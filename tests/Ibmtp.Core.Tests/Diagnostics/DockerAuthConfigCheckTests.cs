using System.Text;
using Ibmtp.Diagnostics;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>
/// The DOCKER_AUTH_CONFIG check: said only when the variable is set, a problem when it holds a login
/// docker 28.3 and later send for the host instead of running the helper, and never its secrets.
/// </summary>
[TestFixture]
public sealed class DockerAuthConfigCheckTests : CheckFixture
{
    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static string Logins(params string[] keys) =>
        "{\"auths\":{" + string.Join(",", keys.Select(key => $"\"{key}\":{{\"auth\":\"{Auth("iamapikey", "gitlab-ci-key-" + key.Length)}\"}}")) + "}}";

    private IReadOnlyList<Fact> Run(string? variable, string host = "us.icr.io")
    {
        if (variable is not null)
            Home.Variables["DOCKER_AUTH_CONFIG"] = variable;
        var facts = new FactSheet();
        new DockerAuthConfigCheck(Context.Environment).Run(Registry.Host(host), facts);
        return facts.Facts;
    }

    [TestCase(null)]
    [TestCase("")]
    public void Unset_or_empty_it_is_not_mentioned(string? variable)
    {
        Assert.That(Run(variable), Is.Empty);
    }

    [Test]
    public void A_login_for_the_host_bypasses_every_helper_and_is_a_problem_with_the_fix()
    {
        var fact = Run(Logins("registry.gitlab.com", "us.icr.io")).Single();

        Assert.That(fact, Is.EqualTo(new Fact("DOCKER_AUTH_CONFIG", "set, with a login for us.icr.io that docker 28.3 and later send instead of running any helper for us.icr.io; remove that entry from it, or unset it where docker pushes to us.icr.io", Problem: true)));
    }

    [Test]
    public void Logins_for_other_hosts_leave_the_host_to_the_helper_and_are_listed()
    {
        var fact = Run(Logins("registry.gitlab.com", "de.icr.io")).Single();

        Assert.That(fact, Is.EqualTo(new Fact("DOCKER_AUTH_CONFIG", "set, with logins for registry.gitlab.com, de.icr.io; none for us.icr.io, so docker runs the helper config.json names for it")));
    }

    [TestCase("https://us.icr.io")]
    [TestCase("US.ICR.IO")]
    [TestCase("us.icr.io:443")]
    public void Docker_matches_its_keys_exactly_so_another_spelling_of_the_host_is_not_used_for_it(string key)
    {
        var fact = Run(Logins(key)).Single();

        Assert.That(fact.Value, Does.Contain($"none for us.icr.io (docker matches its keys exactly, so {key} is not used for us.icr.io/… images)"));
        Assert.That(fact.Problem, Is.False);
    }

    [Test]
    public void A_host_with_a_port_is_looked_up_with_it()
    {
        Assert.That(Run(Logins("localhost:5000"), "localhost:5000").Single().Problem, Is.True);
    }

    [TestCase("""{"auths":{},"credHelpers":{"us.icr.io":"ibmtp"}}""", "as it holds credHelpers, and docker takes only auths there")]
    [TestCase("""{"credsStore":"ibmtp"}""", "as it holds credsStore, and docker takes only auths there")]
    [TestCase("""{"auths":{"us.icr.io":{"username":"iamapikey","password":"gitlab-password-3f9"}}}""", "as its auths entry us.icr.io holds username, and docker takes only auth there")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":""}}}""", "as its auths entry us.icr.io has no auth")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"bm8tY29sb24="}}}""", "as its auths entry us.icr.io has an auth that is not the base64 of user:password")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"Onk="}}}""", "as its auths entry us.icr.io has an auth that is not the base64 of user:password")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"not base64!"}}}""", "as its auths entry us.icr.io has an auth that is not the base64 of user:password")]
    [TestCase("""{"auths":{"us.icr.io":"x"}}""", "as its auths entry us.icr.io is not a JSON object")]
    [TestCase("""{"auths":[]}""", "as its auths is not a JSON object")]
    [TestCase("""["us.icr.io"]""", "as it is not a JSON object")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"eDp5"}}""", "as it is not valid JSON")]
    public void What_docker_cannot_take_makes_it_ignore_all_of_it_and_run_the_helper(string variable, string why)
    {
        var fact = Run(variable).Single();

        Assert.That(fact.Value, Does.StartWith("set, but docker 28.3 and later ignore all of it, " + why).And.Contain("Failed to create credential store from DOCKER_AUTH_CONFIG"));
        Assert.That(fact.Problem, Is.False);
    }

    [Test]
    public void Its_field_names_are_matched_in_any_case_as_docker_matches_them()
    {
        Assert.That(Run("""{"AUTHS":{"us.icr.io":{"Auth":"eDp5"}}}""").Single().Problem, Is.True);
    }

    [TestCase("""{"auths":{"us.icr.io":{"auth":"eDp5"},"us.icr.io":{"auth":"eDp5"}}}""")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":""},"us.icr.io":{"auth":"eDp5"}}}""")]
    [TestCase("""{"auths":{"us.icr.io":null,"us.icr.io":{"auth":"eDp5"}}}""")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"not base64!","Auth":"eDp5"}}}""")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"eDp5","auth":null}}}""")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"eDp5"}},"auths":{"de.icr.io":{"auth":"eDp5"}}}""")]
    [TestCase("""{"auths":{"de.icr.io":{"auth":"eDp5"}},"AUTHS":{"us.icr.io":{"auth":"eDp5"}}}""")]
    [TestCase("""{"auths":null,"auths":{"us.icr.io":{"auth":"eDp5"}}}""")]
    public void A_name_given_twice_is_read_again_into_the_same_place_as_docker_reads_it(string variable)
    {
        Assert.That(Run(variable).Single(), Is.EqualTo(new Fact("DOCKER_AUTH_CONFIG", "set, with a login for us.icr.io that docker 28.3 and later send instead of running any helper for us.icr.io; remove that entry from it, or unset it where docker pushes to us.icr.io", Problem: true)));
    }

    [TestCase("""{"auths":{"us.icr.io":{"auth":"eDp5"},"us.icr.io":{"auth":""}}}""", "as its auths entry us.icr.io has no auth")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"eDp5"},"us.icr.io":null}}""", "as its auths entry us.icr.io has no auth")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":"eDp5"},"us.icr.io":{}}}""", "as its auths entry us.icr.io has no auth")]
    [TestCase("""{"auths":{"us.icr.io":{"password":"gitlab-password-3f9"},"us.icr.io":{"auth":"eDp5"}}}""", "as its auths entry us.icr.io holds password, and docker takes only auth there")]
    [TestCase("""{"auths":{"us.icr.io":{"auth":5},"us.icr.io":{"auth":"eDp5"}}}""", "as its auths entry us.icr.io has an auth that is not a string")]
    [TestCase("""{"auths":[],"auths":{"us.icr.io":{"auth":"eDp5"}}}""", "as its auths is not a JSON object")]
    public void A_name_given_twice_that_docker_cannot_decode_or_whose_last_value_it_cannot_use_makes_it_ignore_all_of_it(string variable, string why)
    {
        Assert.That(Run(variable).Single().Value, Does.StartWith("set, but docker 28.3 and later ignore all of it, " + why));
    }

    [Test]
    public void A_repeated_auths_set_to_null_drops_the_logins_before_it()
    {
        Assert.That(Run("""{"auths":{"us.icr.io":{"auth":"eDp5"}},"auths":null}""").Single().Value, Does.StartWith("set, with no logins; none for us.icr.io"));
    }

    [Test]
    public void Its_field_names_are_matched_as_Go_folds_them()
    {
        // Go's decoder folds U+017F, the long s, to s; .NET's ordinal comparison ignoring case does not.
        Assert.That(Run("{\"auth\u017F\":{\"us.icr.io\":{\"auth\":\"eDp5\"}}}").Single().Problem, Is.True);
    }

    [TestCase("null")]
    [TestCase("{}")]
    [TestCase("""{"auths":null}""")]
    [TestCase("  ")]
    public void No_logins_at_all_is_said_as_such(string variable)
    {
        Assert.That(Run(variable).Single().Value, Does.StartWith("set, with no logins; none for us.icr.io"));
    }

    [Test]
    public void Its_secrets_are_never_shown_and_any_message_quoting_them_would_be_blanked()
    {
        const string password = "gitlab-masked-variable-8e41d7";
        var auth = Auth("iamapikey", password);

        var facts = Run("{\"auths\":{\"us.icr.io\":{\"auth\":\"" + auth + "\"}}}");

        var shown = string.Join("\n", facts.Select(fact => fact.Value));
        foreach (var secret in new[] { auth, password, $"iamapikey:{password}" })
        {
            Assert.That(shown, Does.Not.Contain(secret));
            Assert.That(SafeLine.Of($"quoted: {secret}"), Does.Not.Contain(secret), "the variable's secrets are registered with the redactor as it is read");
        }
    }
}
