using System.Security.Cryptography;
using System.Text;

namespace Ibmtp.Emulators;

/// <summary>
/// A Kubernetes service account in a cluster: what a projected service-account token speaks for, and
/// what a trusted profile's compute-resource trust condition names.
/// </summary>
public sealed record KubernetesServiceAccount(string Cluster, string Namespace, string Name)
{
    /// <summary>The <c>iss</c> of the cluster's service-account tokens; IAM tells clusters apart by it.</summary>
    public string Issuer => $"https://kubernetes.{Cluster}.clusters.emulator.invalid";

    /// <summary>The <c>sub</c> Kubernetes gives a service account's tokens.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{Name}";

    /// <summary>Stable for the account, as the UID of a real service account is for its lifetime.</summary>
    public string Uid => new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"{Cluster}/{Namespace}/{Name}"))).ToString();
}
