namespace Ibmtp.Frontends.Kubelet;

/// <summary>The registry part of an image reference, read as docker and the kubelet read it.</summary>
public static class ImageReference
{
    private const string DockerHub = "docker.io";

    /// <summary>
    /// The registry host of <paramref name="image"/>: its first component when that looks like a host
    /// (it has a dot or a port, or is localhost), else Docker Hub: <c>us.icr.io/ns/app:1</c> →
    /// <c>us.icr.io</c>, <c>nginx</c> and <c>library/nginx</c> → <c>docker.io</c>.
    /// </summary>
    public static string Registry(string image)
    {
        var slash = image.IndexOf('/');
        if (slash < 0)
            return DockerHub;
        var first = image[..slash];
        return first.Contains('.') || first.Contains(':') || first == "localhost" ? first : DockerHub;
    }
}
