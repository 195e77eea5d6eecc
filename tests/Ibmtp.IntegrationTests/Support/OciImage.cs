using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A minimal image in OCI layout form, built locally: one gzip layer holding one small file, its
/// config and manifest, every blob stored under its sha256 digest.
/// </summary>
public sealed class OciImage
{
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    private const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";
    private const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";

    private OciImage(string directory, string tag, string manifestDigest)
    {
        Directory = directory;
        Tag = tag;
        ManifestDigest = manifestDigest;
    }

    /// <summary>The layout directory.</summary>
    public string Directory { get; }

    /// <summary>The org.opencontainers.image.ref.name the manifest is filed under.</summary>
    public string Tag { get; }

    /// <summary>sha256:… of the manifest: the digest a registry reports once the image is pushed.</summary>
    public string ManifestDigest { get; }

    /// <summary>The image as a containers-image reference, e.g. for skopeo.</summary>
    public string Reference => $"oci:{Directory}:{Tag}";

    /// <summary>The same layout as a process that sees its directory at <paramref name="directory"/> names it: one in a chroot, say.</summary>
    public OciImage SeenAt(string directory) => new(directory, Tag, ManifestDigest);

    /// <summary>
    /// Writes the layout into <paramref name="directory"/>, which must not hold another one.
    /// A distinct <paramref name="fileContent"/> gives a distinct manifest digest. Without layers
    /// (<paramref name="withoutLayers"/>), the content goes into a label instead: buildah, run as root,
    /// applies a pulled layer through a remount of "/", which fails where "/" is no mount point (a chroot).
    /// </summary>
    public static OciImage Write(string directory, string tag, string fileContent = "hello from the ibmtp integration tests\n", bool withoutLayers = false)
    {
        var blobs = System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256")).FullName;

        var layerTar = TarOf("hello.txt", Encoding.UTF8.GetBytes(fileContent));
        Blob[] layers = withoutLayers ? [] : [WriteBlob(blobs, Gzip(layerTar))];
        var config = WriteBlob(blobs, Json(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = withoutLayers ? new JsonObject { ["Labels"] = new JsonObject { ["content"] = fileContent } } : new JsonObject(),
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                // diff_ids name the uncompressed layers.
                ["diff_ids"] = withoutLayers ? new JsonArray() : new JsonArray(Digest(layerTar)),
            },
        }));
        var manifest = WriteBlob(blobs, Json(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = config.Descriptor(ConfigMediaType),
            ["layers"] = new JsonArray([.. layers.Select(layer => (JsonNode)layer.Descriptor(LayerMediaType))]),
        }));

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(manifest.Descriptor(ManifestMediaType, new JsonObject
            {
                ["org.opencontainers.image.ref.name"] = tag,
            })),
        };
        File.WriteAllBytes(Path.Combine(directory, "index.json"), Json(index));
        File.WriteAllBytes(Path.Combine(directory, "oci-layout"), Json(new JsonObject { ["imageLayoutVersion"] = "1.0.0" }));
        return new OciImage(directory, tag, manifest.Digest);
    }

    private static byte[] TarOf(string fileName, byte[] content)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, fileName)
            {
                DataStream = new MemoryStream(content),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = DateTimeOffset.UnixEpoch,
            });
        }

        return tar.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return compressed.ToArray();
    }

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static Blob WriteBlob(string blobs, byte[] data)
    {
        var digest = Digest(data);
        File.WriteAllBytes(Path.Combine(blobs, digest["sha256:".Length..]), data);
        return new Blob(digest, data.Length);
    }

    private sealed record Blob(string Digest, long Size)
    {
        public JsonObject Descriptor(string mediaType, JsonObject? annotations = null)
        {
            var descriptor = new JsonObject { ["mediaType"] = mediaType, ["digest"] = Digest, ["size"] = Size };
            if (annotations is not null)
            {
                descriptor["annotations"] = annotations;
            }

            return descriptor;
        }
    }
}
