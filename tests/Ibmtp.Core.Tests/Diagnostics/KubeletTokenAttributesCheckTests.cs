using Ibmtp.Credentials;
using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The kubelet tokenAttributes check: the pod's service-account token and annotations reach the provider as IAM and the provider need them.</summary>
[TestFixture]
public sealed class KubeletTokenAttributesCheckTests : KubeletCheckFixture
{
    private IReadOnlyList<Fact> RunWith(string text, string replacement) =>
        Run(new KubeletTokenAttributesCheck(Setup(Shipped(text, replacement))));

    [Test]
    public void The_shipped_attributes_have_no_problem_and_say_when_Token_is_needed()
    {
        var facts = Run(new KubeletTokenAttributesCheck(Setup()));

        Assert.That(Problems(facts), Is.Empty);
        Assert.That(facts.Single(fact => fact.Name == "kubelet cacheType").Value,
            Does.StartWith("ServiceAccount: one login per service account").And.Contain("(claim pod), set cacheType: Token"));
    }

    [Test]
    public void A_Token_cache_type_is_what_trust_conditions_on_the_pod_need()
    {
        var facts = RunWith("cacheType: ServiceAccount", "cacheType: Token");

        Assert.That(Problems(facts), Is.Empty);
        Assert.That(facts.Single(fact => fact.Name == "kubelet cacheType").Value, Does.StartWith("Token: one login per pod's token"));
    }

    [Test]
    public void No_token_attributes_means_node_identity_and_is_no_problem()
    {
        var nodeOnly = Shipped("    tokenAttributes:\n", "    unused:\n");
        var facts = Run(new KubeletTokenAttributesCheck(Setup(nodeOnly)));

        Assert.That(facts, Is.EqualTo(new[] { new Fact("kubelet tokenAttributes", "none: every pull is made as the node's identity, the pods' service accounts are not used") }));
    }

    [TestCase("serviceAccountTokenAudience: iam", "serviceAccountTokenAudience: sts.amazonaws.com", "the audience iam")]
    [TestCase("      serviceAccountTokenAudience: iam\n", "", "serviceAccountTokenAudience is missing: the kubelet refuses the config and does not start")]
    [TestCase("      cacheType: ServiceAccount\n", "", "cacheType is ''")]
    [TestCase("cacheType: ServiceAccount", "cacheType: Pod", "cacheType is 'Pod'")]
    [TestCase("      requireServiceAccount: false\n", "", "requireServiceAccount is ''")]
    [TestCase("requireServiceAccount: false", "requireServiceAccount: true", "static pods")]
    public void An_attribute_the_kubelet_or_IAM_refuses_is_a_problem(string text, string replacement, string why)
    {
        var facts = RunWith(text, replacement);

        Assert.That(Problems(facts).Single().Value, Does.Contain(why));
    }

    [Test]
    public void A_required_annotation_key_is_a_problem()
    {
        var facts = RunWith("      requireServiceAccount: false\n      optionalServiceAccountAnnotationKeys:\n", "      requireServiceAccount: true\n      requiredServiceAccountAnnotationKeys:\n");

        Assert.That(Problems(facts).Select(fact => fact.Value), Has.Some.StartsWith("requiredServiceAccountAnnotationKeys docker-credential-ibmtp/profile-id"));
    }

    [Test]
    public void Required_annotation_keys_without_requiring_a_service_account_stop_the_kubelet()
    {
        var facts = RunWith("      optionalServiceAccountAnnotationKeys:\n", "      requiredServiceAccountAnnotationKeys:\n");

        Assert.That(Problems(facts).Single().Value, Does.StartWith("requiredServiceAccountAnnotationKeys with requireServiceAccount false: the kubelet refuses the config and does not start"));
    }

    [TestCase("        - docker-credential-ibmtp/account-id\n", "        - docker-credential-ibmtp/account-id\n        - docker-credential-ibmtp/account-id\n", "lists docker-credential-ibmtp/account-id twice")]
    [TestCase("        - docker-credential-ibmtp/account-id\n", "        - docker-credential-ibmtp/account-id\n        - \"two/slashes/key\"\n", "holds 'two/slashes/key', no annotation key")]
    [TestCase("        - docker-credential-ibmtp/account-id\n", "        - docker-credential-ibmtp/account-id\n        - \"-dash.example/key\"\n", "holds '-dash.example/key', no annotation key")]
    [TestCase("        - docker-credential-ibmtp/account-id\n", "        - docker-credential-ibmtp/account-id\n        - \"example.com/key_\"\n", "holds 'example.com/key_', no annotation key")]
    public void An_annotation_key_the_kubelet_refuses_stops_it(string text, string replacement, string why)
    {
        var facts = RunWith(text, replacement);

        Assert.That(Problems(facts).Single().Value, Does.Contain(why).And.Contain("the kubelet refuses the config and does not start"));
    }

    [Test]
    public void A_key_both_required_and_optional_stops_the_kubelet()
    {
        var facts = RunWith("      requireServiceAccount: false\n", "      requireServiceAccount: true\n      requiredServiceAccountAnnotationKeys: [\"docker-credential-ibmtp/account-id\"]\n");

        Assert.That(Problems(facts).Select(fact => fact.Value), Has.Some.StartsWith("docker-credential-ibmtp/account-id is both a required and an optional annotation key: the kubelet refuses the config and does not start"));
    }

    [Test]
    public void Annotation_keys_in_upper_case_are_valid_as_the_kubelet_lowers_them_first()
    {
        var facts = RunWith("        - docker-credential-ibmtp/account-id\n", "        - docker-credential-ibmtp/account-id\n        - Example.COM/Some-Key\n");

        Assert.That(Problems(facts), Is.Empty);
    }

    [Test]
    public void A_missing_annotation_key_is_a_problem_that_names_it()
    {
        var facts = RunWith($"        - {ServiceAccountAnnotations.ProfileName}\n", "");

        Assert.That(Problems(facts).Single().Value, Does.StartWith($"optionalServiceAccountAnnotationKeys lacks {ServiceAccountAnnotations.ProfileName}:"));
    }

    [Test]
    public void An_annotation_key_the_provider_does_not_read_is_a_problem()
    {
        var facts = RunWith($"        - {ServiceAccountAnnotations.AccountId}\n", $"        - {ServiceAccountAnnotations.AccountId}\n        - docker-credential-ibmtp/profile\n");

        Assert.That(Problems(facts).Single().Value, Does.StartWith("docker-credential-ibmtp/profile is no annotation the provider reads"));
    }
}
