namespace Ibmtp.Tests.Diagnostics.Yaml;

/// <summary>Documents the reader must read as YamlDotNet does: configs in the wild and odd but legal formatting.</summary>
public static class YamlCorpus
{
    public static readonly (string Name, string Document)[] Documents =
    [
        // kubernetes website, content/en/docs/tasks/administer-cluster/kubelet-credential-provider.md
        ("kubernetes docs example", """
            apiVersion: kubelet.config.k8s.io/v1
            kind: CredentialProviderConfig
            # providers is a list of credential provider helper plugins that will be enabled by the kubelet.
            # Multiple providers may match against a single image, in which case credentials
            # from all providers will be returned to the kubelet.
            providers:
              # name is the required name of the credential provider. It must match the name of the
              # provider executable as seen by the kubelet.
              - name: ecr-credential-provider
                # matchImages is a required list of strings used to match against images.
                matchImages:
                  - "*.dkr.ecr.*.amazonaws.com"
                  - "*.dkr.ecr.*.amazonaws.com.cn"
                  - "*.dkr.ecr-fips.*.amazonaws.com"
                  - "*.dkr.ecr.us-iso-east-1.c2s.ic.gov"
                  - "*.dkr.ecr.us-isob-east-1.sc2s.sgov.gov"
                # defaultCacheDuration is the default duration the plugin will cache credentials in-memory
                defaultCacheDuration: "12h"
                # Required input version of the exec CredentialProviderRequest.
                # - credentialprovider.kubelet.k8s.io/v1
                apiVersion: credentialprovider.kubelet.k8s.io/v1
                # Arguments to pass to the command when executing it.
                # +optional
                # args:
                #   - --example-argument
                # +optional
                env:
                  - name: AWS_PROFILE
                    value: example_profile
                tokenAttributes:
                  serviceAccountTokenAudience: "<audience for the token>"
                  requireServiceAccount: true
                  requiredServiceAccountAnnotationKeys:
                  - "example.com/required-annotation-key-1"
                  - "example.com/required-annotation-key-2"
                  optionalServiceAccountAnnotationKeys:
                  - "example.com/optional-annotation-key-1"
                  - "example.com/optional-annotation-key-2"
                  cacheType: "ServiceAccount"

            """),
        // k3s and RKE2: /var/lib/rancher/credentialprovider/config.yaml
        ("k3s and RKE2 style", """
            apiVersion: kubelet.config.k8s.io/v1
            kind: CredentialProviderConfig
            providers:
            - name: ecr-credential-provider
              matchImages:
              - "*.dkr.ecr.*.amazonaws.com"
              defaultCacheDuration: "12h"
              apiVersion: credentialprovider.kubelet.k8s.io/v1
              env:
              - name: AWS_PROFILE
                value: default
            - name: docker-credential-ibmtp
              apiVersion: credentialprovider.kubelet.k8s.io/v1
              matchImages: ["icr.io", "*.icr.io"]
              defaultCacheDuration: 10m
              args: [kubelet]

            """),
        ("JSON, indented", """
            {
              "apiVersion": "kubelet.config.k8s.io/v1",
              "kind": "CredentialProviderConfig",
              "providers": [
                {
                  "name": "docker-credential-ibmtp",
                  "matchImages": ["icr.io", "*.icr.io"],
                  "defaultCacheDuration": "10m",
                  "apiVersion": "credentialprovider.kubelet.k8s.io/v1",
                  "args": ["kubelet"],
                  "env": [{"name": "IBMTP_MODE", "value": "cr-token"}, {"name": "EMPTY", "value": ""}],
                  "tokenAttributes": {"serviceAccountTokenAudience": "iam", "requireServiceAccount": true, "cacheType": "Token"}
                }
              ]
            }

            """),
        ("JSON, one line", """{"apiVersion":"kubelet.config.k8s.io/v1","kind":"CredentialProviderConfig","providers":[{"name":"a","matchImages":["icr.io"],"args":[],"env":[]}]}"""),
        ("JSON, tabs", "{\n\t\"kind\": \"CredentialProviderConfig\",\n\t\"providers\": [\n\t\t{\"name\": \"a\"}\n\t]\n}\n"),
        ("JSON escapes", """{"a": "tab\tnewline\nquote\"backslash\\slash\/unicode\u00e9\u20ac", "b": "\u0041"}"""),
        ("YAML escapes", """
            a: "\x41\_\N\L\P\e\0\a\b\v\f\r\ \U0001F600"
            b: 'it''s'
            c: ''
            d: ""

            """),
        ("flow across lines, with comments", """
            kind: CredentialProviderConfig
            providers: [ # the providers
              {name: a, # first
               matchImages: [icr.io,
                 "*.icr.io", 'de.icr.io'],
               defaultCacheDuration: 10m},
              {name: b}, # trailing comma next
            ]
            flow: {a, b: , c: d, "e": 'f',}

            """),
        ("comments everywhere", """
            # leading
              # indented
            ---  # after the marker
            kind: CredentialProviderConfig # after a value
            # between keys
            providers: # after a key
            # before an entry
            - name: a#not-a-comment # a comment
              # inside an entry
              args:
                # before an item
                - x  # after an item

            ...
            # after the end

            """),
        ("compact entries and nesting", """
            - name: x
              value: y
            - - a
              - b
            - key:
                - nested
              other: 1
            -
              name: on the next line
            - plain value
            """),
        ("empty values", """
            a:
            b: ~
            c: null
            d: ""
            list:
            -
            - 
            - ""
            mapping:
              e:
            f:

            """),
        ("sequence at its key's indent", """
            providers:
            - name: a
              matchImages:
              - icr.io
            after: 1

            """),
        ("plain scalars with indicators inside", """
            a: -1
            b: a:b
            c: x # y
            d: http://example.com/path?q=1#frag
            e: 'quoted # not a comment'
            f: "also: not a key"
            g: ?x
            h: :x
            "quoted key": v
            'single key': v
            i: [a b, c-d]
            j: value with  inner   spaces   
            k: a,b[c]{d}

            """),
        ("document marker with a flow value", "--- {a: [1, 2]}\n"),
        ("scalar root", "just text\n"),
        ("empty document", ""),
        ("only comments", "# nothing\n\n"),
        ("root indented", "  a: 1\n  b: 2\n"),
        ("unicode", "name: caf\u00e9 \u20ac \U0001F600\nkey\u00e9: v\n"),
        ("no final line end", "a: 1\nb: [x]"),
        ("deep indentation steps", "a:\n       b:\n        - c\n        - d: e\n          f: g\n"),
    ];
}
