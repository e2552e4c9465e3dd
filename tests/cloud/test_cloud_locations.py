"""Cloud artifact URIs and the S3 client settings, as MLflow reads them."""

from __future__ import annotations

import pytest

from desktop.services.cloud_artifacts import is_cloud_uri
from desktop.sources.cloud.location import parse_cloud_uri
from desktop.sources.cloud.s3 import S3Settings, public_url, s3_client


@pytest.mark.parametrize(
    ("uri", "parsed"),
    [
        ("s3://bucket/a/b/artifacts", ("s3", "bucket", "a/b/artifacts", "")),
        ("s3://bucket", ("s3", "bucket", "", "")),
        ("S3://Bucket/x/", ("s3", "Bucket", "x", "")),
        (
            "gs://team/mlflow/1/abc/artifacts",
            ("gs", "team", "mlflow/1/abc/artifacts", ""),
        ),
        (
            "wasbs://box@acct.blob.core.windows.net/p/q",
            ("wasbs", "box", "p/q", "acct.blob.core.windows.net"),
        ),
        (
            "abfss://lake@Acct.dfs.core.windows.net/p",
            ("abfss", "lake", "p", "acct.dfs.core.windows.net"),
        ),
    ],
)
def test_cloud_uris_are_parsed(uri, parsed):
    location = parse_cloud_uri(uri)
    assert location is not None
    assert (location.scheme, location.bucket, location.prefix, location.host) == parsed
    assert is_cloud_uri(uri)


@pytest.mark.parametrize(
    "uri",
    [
        None,
        "",
        "/home/me/mlruns/0/abc/artifacts",
        "file:///home/me/mlruns",
        "mlflow-artifacts:/0/abc/artifacts",
        "s3://",
        "wasbs://no-account-host/p",
        "hdfs://namenode/p",
    ],
)
def test_other_uris_are_not_read_from_a_bucket(uri):
    assert not is_cloud_uri(uri)


def test_keys_stay_below_the_prefix():
    location = parse_cloud_uri("s3://b/team/run/artifacts")
    assert location is not None
    assert location.key(["images", "a.png"]) == "team/run/artifacts/images/a.png"
    assert location.folder_prefix([]) == "team/run/artifacts/"
    assert location.folder_prefix(["images"]) == "team/run/artifacts/images/"
    root = parse_cloud_uri("s3://b")
    assert root is not None
    assert root.folder_prefix([]) == ""
    assert root.key(["x"]) == "x"


def test_endpoints_are_shown_without_user_info():
    assert public_url("https://me:secret@minio.lan:9000/") == "https://minio.lan:9000/"
    settings = S3Settings("http://key:pw@127.0.0.1:9000", None, "s3v4", "auto", None)
    assert settings.endpoint_label == "http://127.0.0.1:9000"
    assert S3Settings(None, None, "s3v4", "auto", None).endpoint_label == "Amazon S3"


@pytest.mark.parametrize(
    "variables",
    [
        {},
        {"MLFLOW_S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
        {
            "MLFLOW_S3_ENDPOINT_URL": "https://minio.lan:9000",
            "MLFLOW_S3_IGNORE_TLS": "true",
            "MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE": "path",
        },
        {"MLFLOW_S3_IGNORE_TLS": "1", "MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION": "s3"},
    ],
)
def test_the_client_is_configured_as_mlflows(monkeypatch, variables):
    """Endpoint, TLS checking, addressing and signature as MLflow's S3 repository
    sets them from the same environment."""
    from mlflow.store.artifact.s3_artifact_repo import _get_s3_client

    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    ours = s3_client(S3Settings.from_environment(), "bucket")
    theirs = _get_s3_client()
    assert ours.meta.endpoint_url == theirs.meta.endpoint_url
    assert ours.meta.region_name == theirs.meta.region_name
    assert ours.meta.config.s3 == theirs.meta.config.s3
    assert ours.meta.config.signature_version == theirs.meta.config.signature_version
    assert ours._endpoint.http_session._verify == theirs._endpoint.http_session._verify


def test_a_ca_bundle_is_used_for_tls(monkeypatch, tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    monkeypatch.setenv("AWS_CA_BUNDLE", str(bundle))
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = s3_client(S3Settings.from_environment(), "bucket")
    assert client._endpoint.http_session._verify == str(bundle)
