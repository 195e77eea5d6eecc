using Ibmtp.CloudIdentity;
using Ibmtp.Credentials;

namespace Ibmtp.Tests.Credentials;

[TestFixture]
public sealed class ServiceAccountAnnotationsTests
{
    [Test]
    public void A_profile_name_alone_names_the_profile_as_the_cr_token_grant_takes_it()
    {
        var profile = ServiceAccountAnnotations.Profile(new Dictionary<string, string> { ["docker-credential-ibmtp/profile-name"] = "builder" });

        Assert.That(profile, Is.EqualTo(new TrustedProfile(TrustedProfileKind.Name, "builder")));
    }

    [Test]
    public void An_account_id_beside_a_profile_name_is_kept()
    {
        var profile = ServiceAccountAnnotations.Profile(new Dictionary<string, string>
        {
            ["docker-credential-ibmtp/profile-name"] = "builder",
            ["docker-credential-ibmtp/account-id"] = "account-1",
        });

        Assert.That(profile, Is.EqualTo(new TrustedProfile(TrustedProfileKind.Name, "builder", "account-1")));
    }

    [Test]
    public void The_first_of_ID_CRN_and_name_present_wins()
    {
        var profile = ServiceAccountAnnotations.Profile(new Dictionary<string, string>
        {
            ["docker-credential-ibmtp/profile-name"] = "builder",
            ["docker-credential-ibmtp/profile-crn"] = "crn:v1:bluemix:public:iam-identity::a/account-1::profile:Profile-2",
            ["docker-credential-ibmtp/profile-id"] = "Profile-1",
        });

        Assert.That(profile, Is.EqualTo(new TrustedProfile(TrustedProfileKind.Id, "Profile-1")));
    }

    [Test]
    public void An_account_id_alone_names_no_profile() =>
        Assert.That(ServiceAccountAnnotations.Profile(new Dictionary<string, string> { ["docker-credential-ibmtp/account-id"] = "account-1" }), Is.Null);
}
