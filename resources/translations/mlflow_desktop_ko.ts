<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About mlflow-desktop</source>
        <translation>mlflow-desktop 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;mlflow-desktop {0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;mlflow-desktop {0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Browse and compare MLflow experiments, fast and offline.</source>
        <translation>MLflow 실험을 빠르게, 오프라인으로 살펴보고 비교합니다.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
</context>
<context>
    <name>AddChartDialog</name>
    <message>
        <source>Add chart</source>
        <translation>차트 추가</translation>
    </message>
    <message>
        <source>Line chart (a metric&apos;s history)</source>
        <translation>선 차트 (메트릭 기록)</translation>
    </message>
    <message>
        <source>Bar chart (a value per run)</source>
        <translation>막대 차트 (실행마다 값 하나)</translation>
    </message>
    <message>
        <source>Scatter chart</source>
        <translation>산점도</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>평행 좌표</translation>
    </message>
    <message>
        <source>{0} (param)</source>
        <translation>{0} (파라미터)</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>차트</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>메트릭</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
</context>
<context>
    <name>ArtifactActions</name>
    <message>
        <source>Open with System Application</source>
        <translation>시스템 기본 앱으로 열기</translation>
    </message>
    <message>
        <source>Reveal in File Manager</source>
        <translation>파일 관리자에서 보기</translation>
    </message>
    <message>
        <source>Save a Copy As…</source>
        <translation>사본으로 저장…</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>경로 복사</translation>
    </message>
    <message>
        <source>Downloading {0}…</source>
        <translation>{0} 내려받는 중…</translation>
    </message>
    <message>
        <source>Could not download</source>
        <translation>내려받지 못했습니다</translation>
    </message>
    <message>
        <source>Open a program?</source>
        <translation>프로그램을 여시겠습니까?</translation>
    </message>
    <message>
        <source>{0} may be a program or script: opening it could run it. Open it anyway?</source>
        <translation>{0}은(는) 프로그램이나 스크립트일 수 있어 열면 실행될 수 있습니다. 그래도 여시겠습니까?</translation>
    </message>
    <message>
        <source>No application could open {0}</source>
        <translation>{0}을(를) 열 수 있는 앱이 없습니다</translation>
    </message>
    <message>
        <source>Path copied</source>
        <translation>경로를 복사했습니다</translation>
    </message>
    <message>
        <source>Save a Copy of {0}</source>
        <translation>{0}의 사본 저장</translation>
    </message>
    <message>
        <source>Saving a copy…</source>
        <translation>사본 저장 중…</translation>
    </message>
    <message>
        <source>Saved {0} files ({1}) to {2}</source>
        <translation>파일 {0}개({1})를 {2}에 저장했습니다</translation>
    </message>
    <message>
        <source>; skipped {0} links pointing outside</source>
        <translation>; 바깥을 가리키는 링크 {0}개는 건너뜀</translation>
    </message>
    <message>
        <source>Could not save a copy</source>
        <translation>사본을 저장하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>ArtifactPlacesDialog</name>
    <message>
        <source>Artifact locations of {0}</source>
        <translation>{0}의 아티팩트 위치</translation>
    </message>
    <message>
        <source>A team database records where the server put each run&apos;s artifacts: a folder on the server&apos;s computer, or mlflow-artifacts:/ when the server keeps them itself. Say how this computer reaches them: through the team&apos;s tracking server, or a folder where the server&apos;s artifact folder is mounted or copied. A folder found here is used first.</source>
        <translation>팀 데이터베이스에는 서버가 각 실행의 아티팩트를 둔 곳이 기록되어 있습니다. 서버 컴퓨터의 폴더이거나, 서버가 직접 보관하는 경우 mlflow-artifacts:/입니다. 이 컴퓨터에서 아티팩트에 닿는 방법을 알려 주세요. 팀의 트래킹 서버를 거치거나, 서버의 아티팩트 폴더가 마운트되거나 복사된 폴더를 지정할 수 있습니다. 이 컴퓨터에서 찾은 폴더를 먼저 사용합니다.</translation>
    </message>
</context>
<context>
    <name>ArtifactPlacesForm</name>
    <message>
        <source>The team&apos;s MLflow tracking server (mlflow server) on this database: it lists and sends the artifacts of every run, including mlflow-artifacts:/ ones.</source>
        <translation>이 데이터베이스를 쓰는 팀의 MLflow 트래킹 서버(mlflow server): mlflow-artifacts:/ 아티팩트를 포함해 모든 실행의 아티팩트 목록과 파일을 보내 줍니다.</translation>
    </message>
    <message>
        <source>Artifacts served by:</source>
        <translation>아티팩트 제공 서버:</translation>
    </message>
    <message>
        <source>The start of the runs&apos; artifact locations as the server records them (shown in a run&apos;s Artifacts tab).</source>
        <translation>서버가 기록한 실행 아티팩트 위치의 앞부분(실행의 아티팩트 탭에 표시됨).</translation>
    </message>
    <message>
        <source>Artifact folder on the server:</source>
        <translation>서버의 아티팩트 폴더:</translation>
    </message>
    <message>
        <source>where that folder is mounted or copied here</source>
        <translation>이 컴퓨터에서 그 폴더가 마운트되거나 복사된 위치</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>The same folder on this computer:</source>
        <translation>이 컴퓨터의 같은 폴더:</translation>
    </message>
    <message>
        <source>&apos;Artifacts served by&apos; takes the tracking server&apos;s address, such as http://mlflow.example.com:5000.</source>
        <translation>&apos;아티팩트 제공 서버&apos;에는 http://mlflow.example.com:5000 같은 트래킹 서버 주소를 입력하세요.</translation>
    </message>
    <message>
        <source>Leave the password out of the server address: mlflow-desktop asks for it when the server wants one.</source>
        <translation>서버 주소에 비밀번호를 넣지 마세요. 서버가 요구하면 mlflow-desktop이 물어봅니다.</translation>
    </message>
    <message>
        <source>Give both the folder as the server names it and the same folder on this computer, or neither.</source>
        <translation>서버에서 부르는 폴더와 이 컴퓨터의 같은 폴더를 모두 입력하거나, 둘 다 비워 두세요.</translation>
    </message>
    <message>
        <source>The server&apos;s artifact folder on this computer</source>
        <translation>이 컴퓨터에 있는 서버의 아티팩트 폴더</translation>
    </message>
</context>
<context>
    <name>ArtifactTreeModel</name>
    <message>
        <source>Logged models</source>
        <translation>기록된 모델</translation>
    </message>
    <message>
        <source>Artifacts not on this computer</source>
        <translation>이 컴퓨터에 없는 아티팩트</translation>
    </message>
    <message>
        <source>Empty folder</source>
        <translation>빈 폴더</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>수정한 날짜</translation>
    </message>
    <message>
        <source>Model ID: {0}</source>
        <translation>모델 ID: {0}</translation>
    </message>
    <message>
        <source>Logged in the run&apos;s artifacts at {0}</source>
        <translation>실행 아티팩트의 {0}에 기록됨</translation>
    </message>
    <message>
        <source>Flavors: {0}</source>
        <translation>플레이버: {0}</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>상태: {0}</translation>
    </message>
    <message>
        <source>{0} is a link pointing outside the artifact folder (to {1}); it is not opened.</source>
        <translation>{0}은(는) 아티팩트 폴더 바깥({1})을 가리키는 링크라서 열지 않습니다.</translation>
    </message>
    <message>
        <source>{0} is a broken link.</source>
        <translation>{0}은(는) 끊어진 링크입니다.</translation>
    </message>
</context>
<context>
    <name>Artifacts</name>
    <message>
        <source>Refused {0!r}: the name contains a NUL character.</source>
        <translation>{0!r} 거부됨: 이름에 NUL 문자가 들어 있습니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: an absolute path is not inside the artifact folder.</source>
        <translation>{0!r} 거부됨: 절대 경로는 아티팩트 폴더 안에 있지 않습니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: &apos;..&apos; would leave the artifact folder.</source>
        <translation>{0!r} 거부됨: &apos;..&apos;은 아티팩트 폴더를 벗어납니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: it is a link pointing outside the artifact folder (to {1}).</source>
        <translation>{0!r} 거부됨: 아티팩트 폴더 바깥({1})을 가리키는 링크입니다.</translation>
    </message>
    <message>
        <source>The folder {0} does not exist (any more).</source>
        <translation>폴더 {0}이(가) (더 이상) 없습니다.</translation>
    </message>
    <message>
        <source>{0} is not a folder.</source>
        <translation>{0}은(는) 폴더가 아닙니다.</translation>
    </message>
    <message>
        <source>Permission denied: cannot list {0}.</source>
        <translation>권한이 없어 {0}의 목록을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot list {0}: {1}.</source>
        <translation>{0}의 목록을 읽을 수 없습니다: {1}.</translation>
    </message>
    <message>
        <source>Cannot copy {0} into itself ({1}).</source>
        <translation>{0}을(를) 자기 자신 안({1})으로 복사할 수 없습니다.</translation>
    </message>
    <message>
        <source>{0} already exists.</source>
        <translation>{0}이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <source>an SFTP server</source>
        <translation>SFTP 서버</translation>
    </message>
    <message>
        <source>an FTP server</source>
        <translation>FTP 서버</translation>
    </message>
    <message>
        <source>a tracking server (over HTTP)</source>
        <translation>트래킹 서버(HTTP)</translation>
    </message>
    <message>
        <source>a tracking server (over HTTPS)</source>
        <translation>트래킹 서버(HTTPS)</translation>
    </message>
    <message>
        <source>another MLflow run</source>
        <translation>다른 MLflow 실행</translation>
    </message>
    <message>
        <source>the MLflow model registry</source>
        <translation>MLflow 모델 레지스트리</translation>
    </message>
    <message>
        <source>The artifact folder {0} no longer exists on this computer. It was found when the source was imported and has been moved or deleted since; refresh the source after putting it back.</source>
        <translation>아티팩트 폴더 {0}이(가) 이 컴퓨터에 더 이상 없습니다. 소스를 가져올 때는 있었지만 그 뒤에 옮겨졌거나 삭제되었습니다. 폴더를 되돌려 놓은 뒤 소스를 새로 고치세요.</translation>
    </message>
    <message>
        <source>MLflow recorded no artifact location for this run.</source>
        <translation>MLflow가 이 실행의 아티팩트 위치를 기록하지 않았습니다.</translation>
    </message>
    <message>
        <source>The artifacts are stored by an MLflow tracking server ({0}). mlflow-desktop shows artifacts on this computer only. If you have a copy of the server&apos;s artifact folder, put it next to the mlruns folder under the name &apos;mlartifacts&apos; and refresh the source.</source>
        <translation>아티팩트가 MLflow 트래킹 서버({0})에 저장되어 있습니다. mlflow-desktop은 이 컴퓨터에 있는 아티팩트만 보여 줍니다. 서버의 아티팩트 폴더 사본이 있다면 mlruns 폴더 옆에 &apos;mlartifacts&apos;라는 이름으로 두고 소스를 새로 고치세요.</translation>
    </message>
    <message>
        <source>remote storage ({0}:)</source>
        <translation>원격 저장소({0}:)</translation>
    </message>
    <message>
        <source>The artifacts were recorded as a Windows path ({0}) on another computer; that folder is not on this one.</source>
        <translation>아티팩트가 다른 컴퓨터의 Windows 경로({0})로 기록되어 있어 이 컴퓨터에는 그 폴더가 없습니다.</translation>
    </message>
    <message>
        <source> (bucket or host &apos;{0}&apos;, path &apos;{1}&apos;)</source>
        <translation> (버킷 또는 호스트 &apos;{0}&apos;, 경로 &apos;{1}&apos;)</translation>
    </message>
    <message>
        <source>The artifacts are stored in {0}: {1}{2}. mlflow-desktop shows artifacts on this computer only; download them first, e.g. with &apos;mlflow artifacts download&apos;.</source>
        <translation>아티팩트가 {0}에 저장되어 있습니다: {1}{2}. mlflow-desktop은 이 컴퓨터에 있는 아티팩트만 보여 줍니다. 먼저 내려받으세요(예: &apos;mlflow artifacts download&apos;).</translation>
    </message>
    <message>
        <source>The artifact folder {0} does not exist on this computer. It may have been recorded on another machine, moved or deleted.</source>
        <translation>아티팩트 폴더 {0}이(가) 이 컴퓨터에 없습니다. 다른 컴퓨터에서 기록되었거나, 옮겨졌거나, 삭제되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>The run&apos;s folder has no &apos;artifacts&apos; folder: nothing was logged, or the copy left out empty folders.</source>
        <translation>실행 폴더에 &apos;artifacts&apos; 폴더가 없습니다. 기록된 것이 없거나, 복사할 때 빈 폴더가 빠졌습니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: it contains a NUL character.</source>
        <translation>{0!r} 거부됨: NUL 문자가 들어 있습니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: an absolute path is not inside the artifacts.</source>
        <translation>{0!r} 거부됨: 절대 경로는 아티팩트 안에 있지 않습니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: &apos;..&apos; would leave the artifacts.</source>
        <translation>{0!r} 거부됨: &apos;..&apos;은 아티팩트 밖으로 나갑니다.</translation>
    </message>
    <message>
        <source>Refused the id {0!r}.</source>
        <translation>ID {0!r}을(를) 거부했습니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: the server listed it outside {1!r}.</source>
        <translation>{0!r} 거부됨: 서버가 {1!r} 밖의 항목으로 알려 왔습니다.</translation>
    </message>
    <message>
        <source>more than {0} files and folders</source>
        <translation>파일과 폴더가 {0}개보다 많음</translation>
    </message>
    <message>
        <source>Refused {0!r}: outside the cache folder.</source>
        <translation>{0!r} 거부됨: 캐시 폴더 밖입니다.</translation>
    </message>
    <message>
        <source>Refused {0!r}: the bucket listed it outside {1!r}.</source>
        <translation>{0!r} 거부됨: 버킷이 {1!r} 바깥의 항목으로 나열했습니다.</translation>
    </message>
    <message>
        <source>Refused: no file name given.</source>
        <translation>거부됨: 파일 이름이 없습니다.</translation>
    </message>
    <message>
        <source>The Azure credentials (AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCESS_KEY) are not valid, so container &apos;{0}&apos; was not read.</source>
        <translation>Azure 자격 증명(AZURE_STORAGE_CONNECTION_STRING 또는 AZURE_STORAGE_ACCESS_KEY)이 올바르지 않아 컨테이너 &apos;{0}&apos;을(를) 읽지 못했습니다.</translation>
    </message>
    <message>
        <source>Cannot connect to {1} to read container &apos;{0}&apos;. Check the network (and the endpoint in AZURE_STORAGE_CONNECTION_STRING, if set).</source>
        <translation>컨테이너 &apos;{0}&apos;을(를) 읽기 위해 {1}에 연결할 수 없습니다. 네트워크를 확인하세요(AZURE_STORAGE_CONNECTION_STRING을 설정했다면 그 엔드포인트도 확인하세요).</translation>
    </message>
    <message>
        <source>Container &apos;{0}&apos; does not exist at {1}.</source>
        <translation>{1}에 컨테이너 &apos;{0}&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Access to container &apos;{0}&apos; at {1} was denied or no Azure credentials were found. Set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCESS_KEY, or sign in with &apos;az login&apos;, as for MLflow.</source>
        <translation>{1}의 컨테이너 &apos;{0}&apos;에 대한 접근이 거부되었거나 Azure 자격 증명을 찾을 수 없습니다. MLflow와 마찬가지로 AZURE_STORAGE_CONNECTION_STRING 또는 AZURE_STORAGE_ACCESS_KEY를 설정하거나 &apos;az login&apos;으로 로그인하세요.</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; was not found in container &apos;{0}&apos; at {2}.</source>
        <translation>{2}의 컨테이너 &apos;{0}&apos;에서 &apos;{1}&apos;을(를) 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Container &apos;{0}&apos; at {1} could not be read ({2}).</source>
        <translation>{1}의 컨테이너 &apos;{0}&apos;을(를) 읽을 수 없습니다 ({2}).</translation>
    </message>
    <message>
        <source>Reading artifacts stored in {1} needs the optional extra &apos;{0}&apos; ({2}), which is not installed. From a source checkout run &apos;uv sync --extra {0}&apos; (or &apos;pip install &quot;mlflow-desktop[{0}]&quot;&apos;), then restart mlflow-desktop.</source>
        <translation>{1}에 저장된 아티팩트를 읽으려면 선택 기능 &apos;{0}&apos;({2})이(가) 필요한데 설치되어 있지 않습니다. 소스 체크아웃에서 &apos;uv sync --extra {0}&apos;(또는 &apos;pip install &quot;mlflow-desktop[{0}]&quot;&apos;)을 실행한 다음 mlflow-desktop을 다시 시작하세요.</translation>
    </message>
    <message>
        <source>No Google Cloud credentials were found to read bucket &apos;{0}&apos;. Run &apos;gcloud auth application-default login&apos; or set GOOGLE_APPLICATION_CREDENTIALS, as for MLflow.</source>
        <translation>버킷 &apos;{0}&apos;을(를) 읽을 Google Cloud 자격 증명을 찾을 수 없습니다. MLflow와 마찬가지로 &apos;gcloud auth application-default login&apos;을 실행하거나 GOOGLE_APPLICATION_CREDENTIALS를 설정하세요.</translation>
    </message>
    <message>
        <source>Cannot connect to {1} to read bucket &apos;{0}&apos;. Check the network (and STORAGE_EMULATOR_HOST, if set).</source>
        <translation>버킷 &apos;{0}&apos;을(를) 읽기 위해 {1}에 연결할 수 없습니다. 네트워크를 확인하세요(STORAGE_EMULATOR_HOST를 설정했다면 그 값도 확인하세요).</translation>
    </message>
    <message>
        <source>Access to bucket &apos;{0}&apos; was denied. Check that your credentials may read it.</source>
        <translation>버킷 &apos;{0}&apos;에 대한 접근이 거부되었습니다. 자격 증명에 읽기 권한이 있는지 확인하세요.</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; was not found in bucket &apos;{0}&apos;.</source>
        <translation>버킷 &apos;{0}&apos;에서 &apos;{1}&apos;을(를) 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Bucket &apos;{0}&apos; could not be read ({1}).</source>
        <translation>버킷 &apos;{0}&apos;을(를) 읽을 수 없습니다 ({1}).</translation>
    </message>
    <message>
        <source>Cannot reach bucket &apos;{0}&apos;: the endpoint {1} (MLFLOW_S3_ENDPOINT_URL) is not a valid URL.</source>
        <translation>버킷 &apos;{0}&apos;에 연결할 수 없습니다: 엔드포인트 {1}(MLFLOW_S3_ENDPOINT_URL)이(가) 올바른 URL이 아닙니다.</translation>
    </message>
    <message>
        <source>No AWS credentials were found to read bucket &apos;{0}&apos;. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws, as for MLflow, then try again.</source>
        <translation>버킷 &apos;{0}&apos;을(를) 읽을 AWS 자격 증명을 찾을 수 없습니다. MLflow와 마찬가지로 AWS_ACCESS_KEY_ID와 AWS_SECRET_ACCESS_KEY를 설정하거나, ~/.aws의 프로필을 AWS_PROFILE로 지정한 다음 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The AWS profile named in AWS_PROFILE was not found in ~/.aws; bucket &apos;{0}&apos; cannot be read.</source>
        <translation>AWS_PROFILE에 지정된 AWS 프로필을 ~/.aws에서 찾을 수 없어 버킷 &apos;{0}&apos;을(를) 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>The TLS certificate of {1} is not trusted, so bucket &apos;{0}&apos; was not read. Set AWS_CA_BUNDLE to your CA file (or MLFLOW_S3_IGNORE_TLS=true for a test server).</source>
        <translation>{1}의 TLS 인증서를 신뢰할 수 없어 버킷 &apos;{0}&apos;을(를) 읽지 않았습니다. AWS_CA_BUNDLE을 CA 파일로 설정하세요(테스트 서버라면 MLFLOW_S3_IGNORE_TLS=true).</translation>
    </message>
    <message>
        <source>Cannot connect to {1} to read bucket &apos;{0}&apos;. Check the network, and MLFLOW_S3_ENDPOINT_URL for MinIO and other S3-compatible servers.</source>
        <translation>버킷 &apos;{0}&apos;을(를) 읽기 위해 {1}에 연결할 수 없습니다. 네트워크를 확인하고, MinIO 등 S3 호환 서버라면 MLFLOW_S3_ENDPOINT_URL을 확인하세요.</translation>
    </message>
    <message>
        <source>Access to bucket &apos;{0}&apos; at {1} was denied ({2}). Check that your AWS credentials or profile may read it.</source>
        <translation>{1}의 버킷 &apos;{0}&apos;에 대한 접근이 거부되었습니다 ({2}). AWS 자격 증명이나 프로필에 읽기 권한이 있는지 확인하세요.</translation>
    </message>
    <message>
        <source>Bucket &apos;{0}&apos; does not exist at {1}.</source>
        <translation>{1}에 버킷 &apos;{0}&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is no longer in bucket &apos;{0}&apos;.</source>
        <translation>&apos;{1}&apos;이(가) 더 이상 버킷 &apos;{0}&apos;에 없습니다.</translation>
    </message>
    <message>
        <source>Bucket &apos;{0}&apos; at {1} answered with an error ({2}).</source>
        <translation>{1}의 버킷 &apos;{0}&apos;이(가) 오류로 응답했습니다 ({2}).</translation>
    </message>
    <message>
        <source>Bucket &apos;{0}&apos; at {1} could not be read ({2}).</source>
        <translation>{1}의 버킷 &apos;{0}&apos;을(를) 읽을 수 없습니다 ({2}).</translation>
    </message>
    <message>
        <source>right-click the database in the Experiments list and choose Artifact locations…</source>
        <translation>실험 목록에서 데이터베이스를 마우스 오른쪽 버튼으로 클릭하고 아티팩트 위치…를 선택하세요</translation>
    </message>
    <message>
        <source>The run&apos;s artifacts are at {0}, which is not below the server folder {1} you mapped to {2}. Correct the server folder, or give the team&apos;s tracking server URL under &apos;Artifacts served by&apos; ({3}).</source>
        <translation>실행의 아티팩트는 {0}에 있으며, {2}에 연결한 서버 폴더 {1} 아래가 아닙니다. 서버 폴더를 고치거나 &apos;아티팩트 제공 서버&apos;에 팀의 트래킹 서버 URL을 입력하세요({3}).</translation>
    </message>
    <message>
        <source>The run&apos;s artifacts would be in {0} on this computer, which does not exist. Is the team&apos;s artifact folder mounted there? Change the folder ({1}) or refresh the database once it is there.</source>
        <translation>실행의 아티팩트는 이 컴퓨터의 {0}에 있어야 하지만 그 폴더가 없습니다. 팀의 아티팩트 폴더가 그곳에 마운트되어 있습니까? 폴더를 바꾸거나({1}) 폴더가 준비되면 데이터베이스를 새로 고치세요.</translation>
    </message>
    <message>
        <source>The team&apos;s tracking server keeps this run&apos;s artifacts ({0}) and serves them. To see them, enter that server&apos;s URL under &apos;Artifacts served by&apos; ({1}).</source>
        <translation>팀의 트래킹 서버가 이 실행의 아티팩트({0})를 보관하고 제공합니다. 아티팩트를 보려면 &apos;아티팩트 제공 서버&apos;에 그 서버의 URL을 입력하세요({1}).</translation>
    </message>
    <message>
        <source>The run&apos;s artifacts are at {0} on the team&apos;s server, a place this computer does not have. Tell mlflow-desktop where to find them ({1}): the team&apos;s tracking server URL under &apos;Artifacts served by&apos;, or the server&apos;s artifact folder and where that folder is on this computer (a mounted share or a copy).</source>
        <translation>실행의 아티팩트는 팀 서버의 {0}에 있으며, 이 컴퓨터에는 없는 위치입니다. mlflow-desktop이 아티팩트를 찾을 곳을 알려 주세요({1}): &apos;아티팩트 제공 서버&apos;에 팀의 트래킹 서버 URL을 입력하거나, 서버의 아티팩트 폴더와 그 폴더가 이 컴퓨터에 있는 위치(마운트된 공유 폴더나 사본)를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>ArtifactsPanel</name>
    <message>
        <source>The model&apos;s files are not on this computer</source>
        <translation>모델 파일이 이 컴퓨터에 없습니다</translation>
    </message>
    <message>
        <source>No model card</source>
        <translation>모델 카드 없음</translation>
    </message>
    <message>
        <source>Large file on the server</source>
        <translation>서버에 있는 큰 파일</translation>
    </message>
    <message>
        <source>{0} ({1}) is not downloaded for a preview. Use “Save a Copy As…” or “Open with System Application” to download it.</source>
        <translation>{0}({1})은(는) 미리 보기용으로 내려받지 않습니다. 내려받으려면 “사본으로 저장…”이나 “시스템 기본 앱으로 열기”를 사용하세요.</translation>
    </message>
    <message>
        <source>Could not download the file</source>
        <translation>파일을 내려받지 못했습니다</translation>
    </message>
    <message>
        <source>Could not list the folder</source>
        <translation>폴더의 목록을 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Directly inside: {0} file(s), {1} folder(s); the files hold {2}.</source>
        <translation>바로 안에 파일 {0}개, 폴더 {1}개가 있고 파일 크기는 모두 {2}입니다.</translation>
    </message>
    <message>
        <source>Files are downloaded from the server when you open them.</source>
        <translation>파일은 열 때 서버에서 내려받습니다.</translation>
    </message>
    <message>
        <source>The folder has no MLmodel file.</source>
        <translation>이 폴더에는 MLmodel 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Could not download the model card</source>
        <translation>모델 카드를 내려받지 못했습니다</translation>
    </message>
    <message>
        <source>Artifacts not on this computer</source>
        <translation>이 컴퓨터에 없는 아티팩트</translation>
    </message>
    <message>
        <source>Refused: outside the artifact folder</source>
        <translation>거부됨: 아티팩트 폴더 바깥</translation>
    </message>
    <message>
        <source>Not a regular file</source>
        <translation>일반 파일이 아님</translation>
    </message>
    <message>
        <source>{0} is a special file and is not read.</source>
        <translation>{0}은(는) 특수 파일이라서 읽지 않습니다.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>찾을 수 없음</translation>
    </message>
    <message>
        <source>{0} does not exist (any more).</source>
        <translation>{0}이(가) (더 이상) 없습니다.</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>권한 없음</translation>
    </message>
    <message>
        <source>{0} cannot be read.</source>
        <translation>{0}을(를) 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot read the file</source>
        <translation>파일을 읽을 수 없음</translation>
    </message>
    <message>
        <source>Empty file</source>
        <translation>빈 파일</translation>
    </message>
    <message>
        <source>{0} is empty (0 bytes).</source>
        <translation>{0}은(는) 비어 있습니다(0바이트).</translation>
    </message>
    <message>
        <source>Pickled Python object — not opened</source>
        <translation>피클된 Python 객체 — 열지 않음</translation>
    </message>
    <message>
        <source>{0} ({1}) is a pickle. mlflow-desktop never loads pickles, because unpickling can run arbitrary code. Open it in Python only if you trust where it came from.</source>
        <translation>{0}({1})은(는) 피클 파일입니다. 언피클링은 임의의 코드를 실행할 수 있으므로 mlflow-desktop은 피클을 절대 불러오지 않습니다. 출처를 신뢰할 때만 Python에서 여세요.</translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation>바이너리 파일</translation>
    </message>
    <message>
        <source>{0} ({1}) has no preview. Use “Open with system application”.</source>
        <translation>{0}({1})은(는) 미리 볼 수 없습니다. “시스템 기본 앱으로 열기”를 사용하세요.</translation>
    </message>
    <message>
        <source>Markdown (too long to render)</source>
        <translation>Markdown(너무 길어 렌더링하지 않음)</translation>
    </message>
    <message>
        <source>Cannot read the logged table</source>
        <translation>기록된 표를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Logged table</source>
        <translation>기록된 표</translation>
    </message>
    <message>
        <source>Image too large to preview</source>
        <translation>미리 보기에는 너무 큰 이미지</translation>
    </message>
    <message>
        <source>{0} ({1}) is not read for a preview. Use “Open with system application”.</source>
        <translation>{0}({1})은(는) 미리 보기용으로 읽지 않습니다. “시스템 기본 앱으로 열기”를 사용하세요.</translation>
    </message>
    <message>
        <source>{0} is {1} × {2} pixels. Use “Open with system application”.</source>
        <translation>{0}은(는) {1} × {2} 픽셀입니다. “시스템 기본 앱으로 열기”를 사용하세요.</translation>
    </message>
    <message>
        <source>Cannot show this image</source>
        <translation>이 이미지를 표시할 수 없음</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>파일 1개</translation>
    </message>
    <message>
        <source>{0} files</source>
        <translation>파일 {0}개</translation>
    </message>
    <message>
        <source>1 folder</source>
        <translation>폴더 1개</translation>
    </message>
    <message>
        <source>{0} folders</source>
        <translation>폴더 {0}개</translation>
    </message>
    <message>
        <source>{0} in {1}</source>
        <translation>{1} 안에 {0}</translation>
    </message>
    <message>
        <source>{0}, {1} in total.</source>
        <translation>{0}, 모두 {1}.</translation>
    </message>
    <message>
        <source>{0} links pointing outside the artifact folder are not counted.</source>
        <translation>아티팩트 폴더 바깥을 가리키는 링크 {0}개는 세지 않았습니다.</translation>
    </message>
    <message>
        <source>Folder {0}</source>
        <translation>폴더 {0}</translation>
    </message>
    <message>
        <source>formatted</source>
        <translation>정렬됨</translation>
    </message>
    <message>
        <source>showing {0} of {1}</source>
        <translation>{1} 중 {0} 표시</translation>
    </message>
    <message>
        <source>Load more (next {0} of {1} left)</source>
        <translation>더 불러오기(남은 {1} 중 다음 {0})</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>탭</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>쉼표</translation>
    </message>
    <message>
        <source>{0} rows</source>
        <translation>{0}행</translation>
    </message>
    <message>
        <source>first {0} rows</source>
        <translation>처음 {0}행</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <source>{0} columns</source>
        <translation>{0}열</translation>
    </message>
    <message>
        <source>{0}-separated</source>
        <translation>구분 기호: {0}</translation>
    </message>
    <message>
        <source>Load {0} more rows</source>
        <translation>{0}행 더 불러오기</translation>
    </message>
    <message>
        <source>HTML source, never run in this app</source>
        <translation>HTML 소스(이 앱에서는 절대 실행하지 않음)</translation>
    </message>
    <message>
        <source>first {0} of {1}</source>
        <translation>{1} 중 처음 {0}</translation>
    </message>
    <message>
        <source>Select a run to see its artifacts.</source>
        <translation>아티팩트를 보려면 실행을 선택하세요.</translation>
    </message>
    <message>
        <source>Loading artifacts…</source>
        <translation>아티팩트 불러오는 중…</translation>
    </message>
    <message>
        <source>This run is no longer in the store.</source>
        <translation>이 실행은 더 이상 저장소에 없습니다.</translation>
    </message>
    <message>
        <source>Artifacts in a cloud bucket: {0}
Downloaded when opened to: {1}</source>
        <translation>클라우드 버킷의 아티팩트: {0}
열 때 내려받는 위치: {1}</translation>
    </message>
    <message>
        <source>Artifacts on the tracking server: {0}
Downloaded when opened to: {1}</source>
        <translation>트래킹 서버의 아티팩트: {0}
열 때 내려받는 위치: {1}</translation>
    </message>
    <message>
        <source>Artifact folder: {0}
Recorded by MLflow as: {1}</source>
        <translation>아티팩트 폴더: {0}
MLflow에 기록된 위치: {1}</translation>
    </message>
    <message>
        <source>(no artifact location)</source>
        <translation>(아티팩트 위치 없음)</translation>
    </message>
    <message>
        <source>This run has no artifacts.</source>
        <translation>이 실행에는 아티팩트가 없습니다.</translation>
    </message>
    <message>
        <source>The artifacts are not on this computer</source>
        <translation>아티팩트가 이 컴퓨터에 없습니다</translation>
    </message>
    <message>
        <source>The artifact folder cannot be listed</source>
        <translation>아티팩트 폴더의 목록을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Select a file to preview it.</source>
        <translation>미리 볼 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>Could not load the artifacts</source>
        <translation>아티팩트를 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Not available.</source>
        <translation>사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>There is no {0} in this run&apos;s artifacts.</source>
        <translation>이 실행의 아티팩트에 {0}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Logged models</source>
        <translation>기록된 모델</translation>
    </message>
    <message>
        <source>Select a model to see its card and how to load it.</source>
        <translation>모델 카드와 불러오는 방법을 보려면 모델을 선택하세요.</translation>
    </message>
    <message>
        <source>Broken link</source>
        <translation>끊어진 링크</translation>
    </message>
    <message>
        <source>{0} points to {1}, which does not exist.</source>
        <translation>{0}이(가) 가리키는 {1}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Refused {0}: it is a link pointing outside the artifact folder (to {1}). mlflow-desktop never follows such links.</source>
        <translation>{0} 거부됨: 아티팩트 폴더 바깥({1})을 가리키는 링크입니다. mlflow-desktop은 이런 링크를 절대 따라가지 않습니다.</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{1} 중 {0}</translation>
    </message>
    <message>
        <source>Downloading {0} from the server…</source>
        <translation>서버에서 {0} 내려받는 중…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Could not show this artifact</source>
        <translation>이 아티팩트를 표시하지 못했습니다</translation>
    </message>
    <message>
        <source>Artifact locations…</source>
        <translation>아티팩트 위치…</translation>
    </message>
</context>
<context>
    <name>BarCard</name>
    <message>
        <source>latest</source>
        <translation>최신</translation>
    </message>
    <message>
        <source>min</source>
        <translation>최소</translation>
    </message>
    <message>
        <source>max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>No run in view logged this metric</source>
        <translation>보이는 실행 중 이 메트릭을 기록한 실행이 없습니다</translation>
    </message>
    <message>
        <source>runs, in the table&apos;s order</source>
        <translation>실행 (표의 순서)</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Small (a third)</source>
        <translation>작게 (3분의 1)</translation>
    </message>
    <message>
        <source>Medium (half)</source>
        <translation>보통 (절반)</translation>
    </message>
    <message>
        <source>Large (full width)</source>
        <translation>크게 (전체 너비)</translation>
    </message>
    <message>
        <source>Move left</source>
        <translation>왼쪽으로 이동</translation>
    </message>
    <message>
        <source>Move right</source>
        <translation>오른쪽으로 이동</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Remove chart</source>
        <translation>차트 제거</translation>
    </message>
    <message>
        <source>Move, resize or remove this chart</source>
        <translation>이 차트 이동, 크기 조정, 제거</translation>
    </message>
    <message>
        <source>Drag the title onto another chart to move this one there</source>
        <translation>제목을 다른 차트 위로 끌어 이 차트를 그 자리로 옮깁니다</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <source>Log y</source>
        <translation>y 로그</translation>
    </message>
    <message>
        <source>Band: min to max</source>
        <translation>범위: 최소~최대</translation>
    </message>
    <message>
        <source>Band: ±1 std</source>
        <translation>범위: ±1 표준편차</translation>
    </message>
    <message>
        <source>What the band around each group&apos;s mean spans</source>
        <translation>각 그룹 평균 주위에 그리는 범위</translation>
    </message>
    <message>
        <source>+ Add chart</source>
        <translation>+ 차트 추가</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>One chart per metric, as at first</source>
        <translation>처음처럼 메트릭마다 차트 하나</translation>
    </message>
    <message>
        <source>x axis</source>
        <translation>x축</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>스무딩</translation>
    </message>
    <message numerus="yes">
        <source>Reading {0} runs…</source>
        <translation>
            <numerusform>실행 {0}개 읽는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the runs: {0}</source>
        <translation>실행을 읽을 수 없습니다: {0}</translation>
    </message>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>실행 {0}개</numerusform>
        </translation>
    </message>
    <message>
        <source>No runs to chart</source>
        <translation>차트로 그릴 실행이 없습니다</translation>
    </message>
    <message>
        <source>Loading curves: {0} of {1} metrics</source>
        <translation>곡선 불러오는 중: 메트릭 {1}개 중 {0}개</translation>
    </message>
</context>
<context>
    <name>ColumnChooserDialog</name>
    <message>
        <source>Columns</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Search columns</source>
        <translation>열 검색</translation>
    </message>
    <message>
        <source>Tick to show, drag to reorder. Metrics can show their latest, min or max value.</source>
        <translation>체크하면 표시되고, 끌어서 순서를 바꿉니다. 메트릭은 최신값, 최솟값, 최댓값을 보여 줄 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Run Name</source>
        <translation>실행 이름</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>소스</translation>
    </message>
    <message>
        <source>Parent Run</source>
        <translation>부모 실행</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>실행 ID</translation>
    </message>
    <message>
        <source>Run ID: {0}</source>
        <translation>실행 ID: {0}</translation>
    </message>
    <message>
        <source>Experiment: {0}</source>
        <translation>실험: {0}</translation>
    </message>
    <message>
        <source>Parent run: {0}</source>
        <translation>부모 실행: {0}</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>최신</translation>
    </message>
    <message>
        <source>min</source>
        <translation>최소</translation>
    </message>
    <message>
        <source>max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>param</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>메트릭</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0} ({1} value)</source>
        <translation>{0} ({1} 값)</translation>
    </message>
    <message>
        <source>{0}: not logged</source>
        <translation>{0}: 기록되지 않음</translation>
    </message>
    <message>
        <source>{0}
latest: {1}
min: {2}
max: {3}</source>
        <translation>{0}
최신: {1}
최소: {2}
최대: {3}</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>local</source>
        <translation>로컬</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>숨김</translation>
    </message>
    <message>
        <source>local.starred: click a cell to star or unstar the run</source>
        <translation>local.starred: 셀을 클릭하면 실행에 별표를 붙이거나 뗍니다</translation>
    </message>
    <message>
        <source>Starred: click to unstar</source>
        <translation>별표 있음: 클릭하면 별표를 뗍니다</translation>
    </message>
    <message>
        <source>Click to star</source>
        <translation>클릭하면 별표를 붙입니다</translation>
    </message>
</context>
<context>
    <name>CompareArtifacts</name>
    <message>
        <source>This run is no longer in the store.</source>
        <translation>이 실행은 더 이상 저장소에 없습니다.</translation>
    </message>
    <message>
        <source>The artifacts are not on this computer.</source>
        <translation>아티팩트가 이 컴퓨터에 없습니다.</translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation>바이너리 파일</translation>
    </message>
    <message>
        <source>{0} has no preview.</source>
        <translation>{0}은(는) 미리 볼 수 없습니다.</translation>
    </message>
    <message>
        <source>The first {0} KB</source>
        <translation>처음 {0} KB</translation>
    </message>
    <message>
        <source>Cannot read the file</source>
        <translation>파일을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>The first {0} rows</source>
        <translation>처음 {0}행</translation>
    </message>
</context>
<context>
    <name>CompareArtifactsSection</name>
    <message>
        <source>Read the artifacts again</source>
        <translation>아티팩트 다시 읽기</translation>
    </message>
    <message>
        <source>Logged images</source>
        <translation>기록된 이미지</translation>
    </message>
    <message>
        <source>Same path in several runs</source>
        <translation>여러 실행의 같은 경로</translation>
    </message>
    <message>
        <source>Reading the runs&apos; artifacts…</source>
        <translation>실행의 아티팩트를 읽는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Reading the artifacts of {0} runs…</source>
        <translation>
            <numerusform>실행 {0}개의 아티팩트를 읽는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>The artifacts were not read to the end.</source>
        <translation>아티팩트를 끝까지 읽지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not read the artifacts</source>
        <translation>아티팩트를 읽을 수 없습니다</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message numerus="yes">
        <source>Loading {0} runs…</source>
        <extracomment>Groups of the runs (grouped rows of the runs table), by name: the metric curves draw their means.</extracomment>
        <translation>
            <numerusform>실행 {0}개 불러오는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>평행 좌표</translation>
    </message>
    <message>
        <source>Scatter</source>
        <translation>산점도</translation>
    </message>
    <message>
        <source>Metric curves</source>
        <translation>메트릭 곡선</translation>
    </message>
    <message>
        <source>Parameter importance</source>
        <translation>파라미터 중요도</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>아티팩트</translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs by group</source>
        <translation>
            <numerusform>실행 {0}개를 그룹별로 비교</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs</source>
        <translation>
            <numerusform>실행 {0}개 비교</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs from 1 experiment</source>
        <translation>
            <numerusform>실험 1개의 실행 {0}개 비교</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs from {1} experiments</source>
        <translation>
            <numerusform>실험 {1}개의 실행 {0}개 비교</numerusform>
        </translation>
    </message>
    <message>
        <source>These runs are no longer in the store.</source>
        <translation>이 실행들은 더 이상 저장소에 없습니다.</translation>
    </message>
    <message>
        <source>Could not load the runs: {0}</source>
        <translation>실행을 불러오지 못했습니다: {0}</translation>
    </message>
</context>
<context>
    <name>CompareGroups</name>
    <message>
        <source>Group means, min to max</source>
        <translation>그룹 평균, 최소~최대</translation>
    </message>
    <message>
        <source>Group means, ±1 std</source>
        <translation>그룹 평균, ±1 표준편차</translation>
    </message>
    <message>
        <source>Group means</source>
        <translation>그룹 평균</translation>
    </message>
    <message>
        <source>Each run</source>
        <translation>실행별</translation>
    </message>
    <message>
        <source>Compare the groups taken together, or each of their runs</source>
        <translation>그룹 전체를 묶어 비교하거나, 그룹의 실행을 하나씩 비교합니다</translation>
    </message>
    <message numerus="yes">
        <source>{0} · {1} runs</source>
        <translation>
            <numerusform>{0} · 실행 {1}개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareTableModel</name>
    <message>
        <source>Run ID</source>
        <translation>실행 ID</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>Imported from</source>
        <translation>가져온 위치</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>메트릭</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>{0}  ·  {1} of {2} differ</source>
        <translation>{0}  ·  {2}개 중 {1}개 다름</translation>
    </message>
    <message>
        <source>{0}
Run ID: {1}
Experiment: {2}
Imported from: {3}</source>
        <translation>{0}
실행 ID: {1}
실험: {2}
가져온 위치: {3}</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>높을수록 좋음</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>낮을수록 좋음</translation>
    </message>
    <message>
        <source>{0}: {1} (right-click to change)</source>
        <translation>{0}: {1} (오른쪽 클릭으로 변경)</translation>
    </message>
    <message>
        <source> (min)</source>
        <translation> (최소)</translation>
    </message>
    <message>
        <source> (max)</source>
        <translation> (최대)</translation>
    </message>
    <message>
        <source>{0}: not logged</source>
        <translation>{0}: 기록되지 않음</translation>
    </message>
    <message>
        <source>{0}: {1} — best</source>
        <translation>{0}: {1} — 최고</translation>
    </message>
</context>
<context>
    <name>CompareTableSection</name>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Filter fields</source>
        <translation>필드 필터</translation>
    </message>
    <message>
        <source>Show differences only</source>
        <translation>다른 값만 보기</translation>
    </message>
    <message>
        <source>Min and max</source>
        <translation>최솟값과 최댓값</translation>
    </message>
    <message>
        <source>Show each metric&apos;s min and max as well</source>
        <translation>각 메트릭의 최솟값과 최댓값도 표시</translation>
    </message>
    <message>
        <source>Runs as rows</source>
        <translation>실행을 행으로</translation>
    </message>
    <message>
        <source>Copy the selected cells (or all)</source>
        <translation>선택한 셀(또는 전체) 복사</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV로 내보내기…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:{0}&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; differs&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;span style=&apos;background:{1}&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; &lt;b&gt;best&lt;/b&gt; (right-click a metric: higher or lower is better)</source>
        <translation>&lt;span style=&apos;background:{0}&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; 다름&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;span style=&apos;background:{1}&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; &lt;b&gt;최고&lt;/b&gt; (메트릭을 오른쪽 클릭: 높을수록/낮을수록 좋음)</translation>
    </message>
    <message>
        <source>Groups as rows</source>
        <translation>그룹을 행으로</translation>
    </message>
    <message>
        <source>Show the lowest and highest of each group&apos;s runs as well</source>
        <translation>각 그룹 실행들의 최솟값과 최댓값도 표시</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>표 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a tracking server</source>
        <translation>트래킹 서버에 연결</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>사용자 이름과 비밀번호</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>액세스 토큰</translation>
    </message>
    <message>
        <source>Remember in the system keyring</source>
        <translation>시스템 키링에 저장</translation>
    </message>
    <message>
        <source>No system keyring is available, so credentials are kept only until mlflow-desktop closes; you will be asked again next time.</source>
        <translation>시스템 키링을 사용할 수 없어 인증 정보는 mlflow-desktop을 닫을 때까지만 보관됩니다. 다음에 다시 물어봅니다.</translation>
    </message>
    <message>
        <source>Verify the server&apos;s TLS certificate</source>
        <translation>서버의 TLS 인증서 확인</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>시스템 인증서</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>서버 URL:</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>인증:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>사용자 이름:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>비밀번호:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>토큰:</translation>
    </message>
    <message>
        <source>CA bundle:</source>
        <translation>CA 번들:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>연결 테스트</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>CA 번들 선택</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>인증서 (*.pem *.crt *.cer);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Connected: MLflow {0}, {1} experiments.</source>
        <translation>연결됨: MLflow {0}, 실험 {1}개.</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>(버전 알 수 없음)</translation>
    </message>
</context>
<context>
    <name>DatasetCard</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>다이제스트</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>컨텍스트</translation>
    </message>
    <message>
        <source>Source type</source>
        <translation>소스 유형</translation>
    </message>
    <message>
        <source>Source URI</source>
        <translation>소스 URI</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>프로필</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>스키마</translation>
    </message>
    <message>
        <source>Schema (none)</source>
        <translation>스키마 (없음)</translation>
    </message>
    <message>
        <source>Show JSON</source>
        <translation>JSON 보기</translation>
    </message>
    <message>
        <source>Hide JSON</source>
        <translation>JSON 숨기기</translation>
    </message>
</context>
<context>
    <name>DescriptionView</name>
    <message>
        <source>Copy the full description</source>
        <translation>설명 전체 복사</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>설명이 없습니다.</translation>
    </message>
    <message>
        <source>Long description ({0}): the first {1} characters are shown as plain text.</source>
        <translation>긴 설명({0}): 처음 {1}자를 일반 텍스트로 보여 줍니다.</translation>
    </message>
    <message>
        <source>Long description ({0}): shown as plain text.</source>
        <translation>긴 설명({0}): 일반 텍스트로 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>Direction</name>
    <message>
        <source>Higher is better</source>
        <translation>높을수록 좋음</translation>
    </message>
    <message>
        <source>Lower is better</source>
        <translation>낮을수록 좋음</translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <source>Another error occurred; see the log: {0}</source>
        <translation>또 다른 오류가 발생했습니다. 로그를 확인하세요: {0}</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>문제가 발생했습니다: {0}</translation>
    </message>
    <message>
        <source>The details are in the log file {0}.</source>
        <translation>자세한 내용은 로그 파일 {0}에 있습니다.</translation>
    </message>
    <message>
        <source>The app keeps running, but the last action may not have finished. {0}</source>
        <translation>앱은 계속 실행되지만 마지막 작업이 끝나지 않았을 수 있습니다. {0}</translation>
    </message>
</context>
<context>
    <name>ExperimentPanel</name>
    <message>
        <source>Search experiments</source>
        <translation>실험 검색</translation>
    </message>
    <message>
        <source>Show deleted</source>
        <translation>삭제된 항목 보기</translation>
    </message>
    <message>
        <source>Refresh (re-import changes)</source>
        <translation>새로 고침(변경 사항 다시 가져오기)</translation>
    </message>
    <message>
        <source>Reveal folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <source>Registered models…</source>
        <translation>등록된 모델…</translation>
    </message>
    <message>
        <source>Remove from store</source>
        <translation>저장소에서 제거</translation>
    </message>
    <message>
        <source>Artifact locations…</source>
        <translation>아티팩트 위치…</translation>
    </message>
</context>
<context>
    <name>ExperimentTreeModel</name>
    <message>
        <source>Experiments</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>{0}
ID: {1}
Runs: {2}</source>
        <translation>{0}
ID: {1}
실행: {2}</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제됨</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>the server was not contacted</source>
        <translation>서버에 연결하지 않았음</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> 외 {0}개</translation>
    </message>
    <message>
        <source>The artifacts of {0} runs from {1} were not listed through the server ({2}); the export has the listing stored when they were synced with --artifacts. Runs: {3}.</source>
        <translation>{1}의 실행 {0}개의 아티팩트를 서버를 통해 나열하지 못했습니다({2}). 내보내기에는 --artifacts로 동기화할 때 저장한 목록이 들어 있습니다. 실행: {3}.</translation>
    </message>
    <message>
        <source>The artifacts of {0} runs from {1} were not listed ({2}); their &quot;artifacts&quot; are null in the export. Runs: {3}.</source>
        <translation>{1}의 실행 {0}개의 아티팩트를 나열하지 못했습니다({2}). 내보내기에서 이 실행들의 &quot;artifacts&quot;는 null입니다. 실행: {3}.</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>이미지(PNG)…</translation>
    </message>
    <message>
        <source>Vector image (SVG)…</source>
        <translation>벡터 이미지(SVG)…</translation>
    </message>
    <message>
        <source>Data (CSV)…</source>
        <translation>데이터(CSV)…</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>이미지 내보내기</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Export SVG</source>
        <translation>SVG 내보내기</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>데이터 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
</context>
<context>
    <name>Filter</name>
    <message>
        <source>unterminated quote</source>
        <translation>따옴표가 닫히지 않았습니다</translation>
    </message>
    <message>
        <source>unexpected character {0!r}</source>
        <translation>예상하지 못한 문자 {0!r}</translation>
    </message>
    <message>
        <source>unexpected {0!r}</source>
        <translation>예상하지 못한 {0!r}</translation>
    </message>
    <message>
        <source>the filter ends too early</source>
        <translation>필터가 너무 일찍 끝났습니다</translation>
    </message>
    <message>
        <source>expected &apos;)&apos;</source>
        <translation>&apos;)&apos;가 와야 합니다</translation>
    </message>
    <message>
        <source>expected a name such as metrics.loss, got {0!r}</source>
        <translation>metrics.loss 같은 이름이 와야 하는데 {0!r}이(가) 왔습니다</translation>
    </message>
    <message>
        <source>expected a comparison after {0!r}</source>
        <translation>{0!r} 뒤에 비교 연산자가 와야 합니다</translation>
    </message>
    <message>
        <source>expected NULL after IS</source>
        <translation>IS 뒤에는 NULL이 와야 합니다</translation>
    </message>
    <message>
        <source>IS NULL works only on params and tags</source>
        <translation>IS NULL은 params와 tags에만 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>expected IN after NOT</source>
        <translation>NOT 뒤에는 IN이 와야 합니다</translation>
    </message>
    <message>
        <source>{0} works only on run_id and dataset fields</source>
        <translation>{0}은(는) run_id와 dataset 필드에만 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>expected &apos;(&apos; to start a list</source>
        <translation>목록은 &apos;(&apos;로 시작해야 합니다</translation>
    </message>
    <message>
        <source>list items must be quoted strings</source>
        <translation>목록 항목은 따옴표로 감싼 문자열이어야 합니다</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;)&apos;</source>
        <translation>&apos;,&apos; 또는 &apos;)&apos;가 와야 합니다</translation>
    </message>
    <message>
        <source>unknown local field {0!r} (starred, hidden or note)</source>
        <translation>알 수 없는 local 필드 {0!r} (starred, hidden, note 중 하나)</translation>
    </message>
    <message>
        <source>unknown dataset field {0!r} (name, digest or context)</source>
        <translation>알 수 없는 dataset 필드 {0!r} (name, digest, context 중 하나)</translation>
    </message>
    <message>
        <source>unknown prefix {0!r}: use metrics., params., tags. or attributes.</source>
        <translation>알 수 없는 접두어 {0!r}: metrics., params., tags., attributes. 중 하나를 쓰세요</translation>
    </message>
    <message>
        <source>unknown attribute {0!r}; searchable attributes are run_id, run_name, status, user_id, artifact_uri, start_time (or created, started) and end_time (or ended)</source>
        <translation>알 수 없는 속성 {0!r}. 검색할 수 있는 속성은 run_id, run_name, status, user_id, artifact_uri, start_time(또는 created, started), end_time(또는 ended)입니다</translation>
    </message>
    <message>
        <source>missing name after the dot</source>
        <translation>점 뒤에 이름이 없습니다</translation>
    </message>
    <message>
        <source>expected a date such as &apos;2025-06-25&apos; or &apos;2025-06-25 14:30&apos;, got {0}</source>
        <translation>&apos;2025-06-25&apos;나 &apos;2025-06-25 14:30&apos; 같은 날짜가 필요하지만 {0}을(를) 받았습니다</translation>
    </message>
    <message>
        <source>only = and != work on {0}</source>
        <translation>{0}에는 = 와 != 만 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>expected true or false for {0!r}, got {1}</source>
        <translation>{0!r}에는 true 또는 false가 와야 하는데 {1}이(가) 왔습니다</translation>
    </message>
    <message>
        <source>{0} does not work on numbers</source>
        <translation>{0}은(는) 숫자에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>expected a number for {0!r}, got {1}</source>
        <translation>{0!r}에는 숫자가 와야 하는데 {1}이(가) 왔습니다</translation>
    </message>
    <message>
        <source>{0} does not work on {1}s</source>
        <translation>{0}은(는) {1}s에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>expected a quoted string for {0!r} (e.g. &apos;{1}&apos;)</source>
        <translation>{0!r}에는 따옴표로 감싼 문자열이 와야 합니다(예: &apos;{1}&apos;)</translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message>
        <source>Runs</source>
        <translation>실행 수</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>그룹</translation>
    </message>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>실행 {0}개</numerusform>
        </translation>
    </message>
    <message>
        <source>…and {0} more</source>
        <translation>…외 {0}개</translation>
    </message>
    <message>
        <source>({0} of {1} runs)</source>
        <translation>(실행 {1}개 중 {0}개)</translation>
    </message>
    <message>
        <source>varies ({0} values)</source>
        <translation>다름 (값 {0}개)</translation>
    </message>
    <message>
        <source>mean: {0}</source>
        <translation>평균: {0}</translation>
    </message>
    <message>
        <source>std: {0}</source>
        <translation>표준편차: {0}</translation>
    </message>
    <message>
        <source>min: {0}</source>
        <translation>최소: {0}</translation>
    </message>
    <message>
        <source>max: {0}</source>
        <translation>최대: {0}</translation>
    </message>
    <message numerus="yes">
        <source>over {0} of {1} runs</source>
        <translation>
            <numerusform>실행 {1}개 중 {0}개 기준</numerusform>
        </translation>
    </message>
    <message>
        <source>best mean</source>
        <translation>가장 좋은 평균</translation>
    </message>
    <message>
        <source>{0}: not logged</source>
        <translation>{0}: 기록되지 않음</translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1} runs</source>
        <translation>
            <numerusform>{0} — 실행 {1}개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>not logged — {0} runs</source>
        <translation>
            <numerusform>기록되지 않음 — 실행 {0}개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HtmlPreview</name>
    <message>
        <source>Open in browser</source>
        <translation>브라우저에서 열기</translation>
    </message>
    <message>
        <source>Open the page in your web browser (it is never run in this app)</source>
        <translation>웹 브라우저에서 페이지 열기(이 앱에서는 절대 실행하지 않음)</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>축소(Ctrl+휠)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>확대(Ctrl+휠)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Fit to view</source>
        <translation>화면에 맞춤</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>실제 크기</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>cannot read the database: {0}</source>
        <translation>데이터베이스를 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>model registry: cannot read the database: {0}</source>
        <translation>모델 레지스트리: 데이터베이스를 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>runs: run {0} belongs to experiment {1}, which does not exist; skipped</source>
        <translation>runs: 실행 {0}은(는) 존재하지 않는 실험 {1}에 속해 있어 건너뛰었습니다</translation>
    </message>
    <message>
        <source>run {0}: cannot be read ({1}); the stored copy is kept</source>
        <translation>실행 {0}: 읽을 수 없습니다({1}). 저장된 사본은 유지됩니다</translation>
    </message>
    <message>
        <source>the database file is damaged or truncated ({0})</source>
        <translation>데이터베이스 파일이 손상되었거나 잘려 있습니다({0})</translation>
    </message>
    <message>
        <source>not an MLflow tracking database (it has no experiments or runs tables)</source>
        <translation>MLflow 추적 데이터베이스가 아닙니다(experiments 또는 runs 테이블이 없음)</translation>
    </message>
    <message>
        <source>incomplete MLflow tracking database: missing tables: {0}</source>
        <translation>불완전한 MLflow 추적 데이터베이스: 없는 테이블: {0}</translation>
    </message>
    <message>
        <source>unexpected MLflow schema: table {0} has no column {1}</source>
        <translation>예상하지 못한 MLflow 스키마: {0} 테이블에 {1} 열이 없습니다</translation>
    </message>
    <message>
        <source>run {0}: {1} holds an unexpected {2}; ignored</source>
        <translation>실행 {0}: {1}에 예상하지 못한 {2} 값이 있어 무시했습니다</translation>
    </message>
    <message>
        <source>run {0}: {1} holds an unexpected {2}; left empty</source>
        <translation>실행 {0}: {1}에 예상하지 못한 {2} 값이 있어 비워 두었습니다</translation>
    </message>
    <message>
        <source>run {0}: {1} holds an unexpected {2}; read as text</source>
        <translation>실행 {0}: {1}에 예상하지 못한 {2} 값이 있어 텍스트로 읽었습니다</translation>
    </message>
    <message>
        <source>run {0}: metric {1!r} has a point whose step, timestamp or value is not a number (step {2}, timestamp {3}, value {4}); such points are left out</source>
        <translation>실행 {0}: 메트릭 {1!r}에 단계, 타임스탬프 또는 값이 숫자가 아닌 점이 있습니다(단계 {2}, 타임스탬프 {3}, 값 {4}). 이런 점은 제외했습니다</translation>
    </message>
    <message>
        <source>the database server at {0} refused the user name or password (user {1!r})</source>
        <translation>{0}의 데이터베이스 서버가 사용자 이름 또는 비밀번호를 거부했습니다(사용자 {1!r})</translation>
    </message>
    <message>
        <source>permission denied: user {0!r} may not read the MLflow tables of {1} (a read-only role with SELECT on them is enough): {2}</source>
        <translation>권한 없음: 사용자 {0!r}은(는) {1}의 MLflow 테이블을 읽을 수 없습니다(해당 테이블에 SELECT 권한만 있는 읽기 전용 역할이면 충분합니다): {2}</translation>
    </message>
    <message>
        <source>the server at {0} has no database {1!r}</source>
        <translation>{0}의 서버에 데이터베이스 {1!r}이(가) 없습니다</translation>
    </message>
    <message>
        <source>secure connection (TLS) to {0} failed: {1}</source>
        <translation>{0}에 대한 보안 연결(TLS)에 실패했습니다: {1}</translation>
    </message>
    <message>
        <source>cannot reach the database server at {0}: {1}</source>
        <translation>{0}의 데이터베이스 서버에 연결할 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>not a postgresql:// or mysql:// URL</source>
        <translation>postgresql:// 또는 mysql:// URL이 아닙니다</translation>
    </message>
    <message>
        <source>not a valid database URL ({0})</source>
        <translation>올바른 데이터베이스 URL이 아닙니다({0})</translation>
    </message>
    <message>
        <source>the database URL names no host</source>
        <translation>데이터베이스 URL에 호스트가 없습니다</translation>
    </message>
    <message>
        <source>the database URL names no database</source>
        <translation>데이터베이스 URL에 데이터베이스 이름이 없습니다</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language will be used the next time you start mlflow-desktop.</source>
        <translation>새 언어는 mlflow-desktop을 다음에 시작할 때 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>LineCard</name>
    <message>
        <source>Loading histories…</source>
        <translation>기록 불러오는 중…</translation>
    </message>
    <message>
        <source>No run in view logged this metric</source>
        <translation>보이는 실행 중 이 메트릭을 기록한 실행이 없습니다</translation>
    </message>
    <message>
        <source>Averaging {0} groups…</source>
        <translation>그룹 {0}개 평균 계산 중…</translation>
    </message>
    <message>
        <source>Could not average the groups: {0}</source>
        <translation>그룹 평균을 계산할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>스텝 {0}</translation>
    </message>
    <message>
        <source>{0:.1f} s</source>
        <translation>{0:.1f}초</translation>
    </message>
    <message>
        <source>{0}: {1} at {2}</source>
        <translation>{0}: {2}에서 {1}</translation>
    </message>
</context>
<context>
    <name>LoggedTablePreview</name>
    <message>
        <source>Raw JSON</source>
        <translation>원본 JSON</translation>
    </message>
    <message>
        <source>Show the file as it is written</source>
        <translation>파일을 기록된 그대로 보기</translation>
    </message>
    <message>
        <source>Sorting…</source>
        <translation>정렬 중…</translation>
    </message>
</context>
<context>
    <name>LoggedTables</name>
    <message>
        <source>{0} is larger than {1} MB and is not read as a table.</source>
        <translation>{0}은(는) {1} MB보다 커서 표로 읽지 않습니다.</translation>
    </message>
    <message>
        <source>{0} is not UTF-8 text (byte {1}).</source>
        <translation>{0}은(는) UTF-8 텍스트가 아닙니다 (바이트 {1}).</translation>
    </message>
    <message>
        <source>{0} is not valid JSON: {1} (line {2}, column {3}).</source>
        <translation>{0}은(는) 올바른 JSON이 아닙니다: {1} ({2}행, {3}열).</translation>
    </message>
    <message>
        <source>{0} is nested too deeply to read.</source>
        <translation>{0}은(는) 중첩이 너무 깊어 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>{0} is not an MLflow table: it has no &quot;columns&quot; list.</source>
        <translation>{0}은(는) MLflow 표가 아닙니다: &quot;columns&quot; 목록이 없습니다.</translation>
    </message>
    <message>
        <source>{0} is not an MLflow table: &quot;data&quot; is not a list of rows.</source>
        <translation>{0}은(는) MLflow 표가 아닙니다: &quot;data&quot;가 행 목록이 아닙니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open folder…</source>
        <translation>폴더 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;database…</source>
        <translation>데이터베이스 열기(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>서버에 연결(&amp;C)…</translation>
    </message>
    <message>
        <source>Recent sources</source>
        <translation>최근 소스</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Export matching runs as CSV…</source>
        <translation>필터에 맞는 실행을 CSV로 내보내기…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Show deleted experiments</source>
        <translation>삭제된 실험 보기</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>실행 세부 정보</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>열…</translation>
    </message>
    <message>
        <source>Open &amp;team database…</source>
        <translation>팀 데이터베이스 열기(&amp;T)…</translation>
    </message>
    <message>
        <source>Filter runs</source>
        <translation>실행 필터</translation>
    </message>
    <message>
        <source>&amp;Live refresh</source>
        <translation>실시간 새로 고침(&amp;L)</translation>
    </message>
    <message>
        <source>Show new runs, metric points and status changes as they happen</source>
        <translation>새 실행, 메트릭 값, 상태 변화를 생기는 즉시 표시</translation>
    </message>
    <message>
        <source>Server refresh interval…</source>
        <translation>서버 새로 고침 간격…</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Compare selected runs</source>
        <translation>선택한 실행 비교(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Model registry…</source>
        <translation>모델 레지스트리(&amp;M)…</translation>
    </message>
    <message>
        <source>Registered models, their versions and the runs that produced them</source>
        <translation>등록된 모델, 모델 버전과 그 버전을 만든 실행</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About mlflow-desktop</source>
        <translation>mlflow-desktop 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>시스템(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>밝게(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>어둡게(&amp;D)</translation>
    </message>
    <message>
        <source>Sample project</source>
        <translation>예제 프로젝트</translation>
    </message>
    <message>
        <source>The sample project is missing from {0}.</source>
        <translation>{0}에 예제 프로젝트가 없습니다.</translation>
    </message>
    <message>
        <source>The experiments could not be loaded: {0}</source>
        <translation>실험 목록을 불러오지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>The system keyring refused the password: it is kept until mlflow-desktop closes.</source>
        <translation>시스템 키링이 비밀번호를 거부했습니다. mlflow-desktop을 닫을 때까지만 보관됩니다.</translation>
    </message>
    <message>
        <source>The system keyring refused the credentials: they are kept until mlflow-desktop closes.</source>
        <translation>시스템 키링이 인증 정보를 거부했습니다. 인증 정보는 mlflow-desktop을 닫을 때까지 보관됩니다.</translation>
    </message>
    <message>
        <source>Open an mlruns folder (or a folder that contains one)</source>
        <translation>mlruns 폴더(또는 이를 포함한 폴더) 열기</translation>
    </message>
    <message>
        <source>Open an MLflow database</source>
        <translation>MLflow 데이터베이스 열기</translation>
    </message>
    <message>
        <source>MLflow databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>MLflow 데이터베이스 (*.db *.sqlite *.sqlite3);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>작업 중</translation>
    </message>
    <message>
        <source>Wait for the running import to finish, then remove the source.</source>
        <translation>진행 중인 가져오기가 끝난 뒤에 소스를 제거하세요.</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>소스 제거</translation>
    </message>
    <message>
        <source>Remove this source and its runs from mlflow-desktop? The folder itself is not touched.</source>
        <translation>이 소스와 그 실행들을 mlflow-desktop에서 제거할까요? 폴더 자체는 건드리지 않습니다.</translation>
    </message>
    <message>
        <source>Importing {0}</source>
        <translation>{0} 가져오는 중</translation>
    </message>
    <message>
        <source>%v / %m runs</source>
        <translation>실행 %v / %m</translation>
    </message>
    <message>
        <source>Server refresh interval</source>
        <translation>서버 새로 고침 간격</translation>
    </message>
    <message>
        <source>Check tracking servers for changes every (seconds):</source>
        <translation>트래킹 서버의 변경 사항 확인 간격(초):</translation>
    </message>
    <message>
        <source>Live refresh: model registry updated</source>
        <translation>실시간 새로 고침: 모델 레지스트리 갱신됨</translation>
    </message>
    <message numerus="yes">
        <source>Live refresh: {0} runs updated</source>
        <translation>
            <numerusform>실시간 새로 고침: 실행 {0}개 갱신됨</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported {0}: {1} experiments, {2} runs ({3} read) in {4:.1f} s</source>
        <translation>{0} 가져옴: 실험 {1}개, 실행 {2}개(읽은 실행 {3}개), {4:.1f}초</translation>
    </message>
    <message>
        <source>Import cancelled; runs read so far are kept.</source>
        <translation>가져오기를 취소했습니다. 지금까지 읽은 실행은 유지됩니다.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>No runs match the filter.</source>
        <translation>필터에 맞는 실행이 없습니다.</translation>
    </message>
    <message>
        <source>Export runs as CSV</source>
        <translation>실행을 CSV로 내보내기</translation>
    </message>
    <message numerus="yes">
        <source>{0} runs written to {1}</source>
        <translation>
            <numerusform>실행 {0}개를 {1}에 저장했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message numerus="yes">
        <source>{0:,} of {1:,} runs</source>
        <translation>
            <numerusform>실행 {1:,}개 중 {0:,}개</numerusform>
        </translation>
    </message>
    <message>
        <source>  ·  {0:,} hidden, shown dimmed</source>
        <translation>  ·  {0:,}개 숨김, 흐리게 표시</translation>
    </message>
    <message>
        <source>  ·  {0:,} hidden</source>
        <translation>  ·  {0:,}개 숨김</translation>
    </message>
    <message>
        <source>  ·  {0:,} selected</source>
        <translation>  ·  {0:,}개 선택됨</translation>
    </message>
</context>
<context>
    <name>MarkdownPreview</name>
    <message>
        <source>Image not loaded: {0}</source>
        <translation>이미지를 불러오지 않음: {0}</translation>
    </message>
</context>
<context>
    <name>MetricChart</name>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>실제 시각</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>상대 시간</translation>
    </message>
    <message>
        <source>Exponential moving average weight</source>
        <translation>지수 이동 평균 가중치</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>y 로그</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>이미지(PNG)…</translation>
    </message>
    <message>
        <source>Vector image (SVG)…</source>
        <translation>벡터 이미지(SVG)…</translation>
    </message>
    <message>
        <source>Data (CSV)…</source>
        <translation>데이터(CSV)…</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X축</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>스무딩</translation>
    </message>
    <message>
        <source>Select metrics to plot them.</source>
        <translation>그래프로 그릴 메트릭을 선택하세요.</translation>
    </message>
    <message>
        <source>Relative time (s)</source>
        <translation>상대 시간(초)</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>스텝 {0}</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>차트 내보내기</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>차트 데이터 내보내기</translation>
    </message>
</context>
<context>
    <name>MetricCurvesSection</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>seconds since the run started</source>
        <translation>실행 시작 후 경과 시간(초)</translation>
    </message>
    <message>
        <source>Hover a chart to read values</source>
        <extracomment>The groups of runs compared (from grouped rows of the runs table), by name; ``None``: runs only.</extracomment>
        <translation>차트 위에 마우스를 올리면 값을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>실제 시각</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>상대 시간</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>y 로그</translation>
    </message>
    <message>
        <source>Loading histories…</source>
        <translation>기록 불러오는 중…</translation>
    </message>
    <message>
        <source>x axis</source>
        <translation>x축</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>스무딩</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Could not load histories: {0}</source>
        <translation>기록을 불러오지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>스텝 {0}</translation>
    </message>
    <message>
        <source>{0:.1f} s</source>
        <translation>{0:.1f}초</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <translation>{1}의 {0}</translation>
    </message>
</context>
<context>
    <name>MetricsPage</name>
    <message>
        <source>Metric</source>
        <translation>메트릭</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>최신값</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>최솟값</translation>
    </message>
    <message>
        <source>Min step</source>
        <translation>최솟값 스텝</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>최댓값</translation>
    </message>
    <message>
        <source>Max step</source>
        <translation>최댓값 스텝</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>포인트 수</translation>
    </message>
    <message>
        <source>Search metrics</source>
        <translation>메트릭 검색</translation>
    </message>
    <message>
        <source>Points in the stored history. A point logged twice with the same step, timestamp and value counts once (MLflow 3&apos;s log_model repeats step-0 lines in mlruns folders; MLflow&apos;s database keeps one too).</source>
        <translation>저장된 기록의 점 개수입니다. 단계, 타임스탬프, 값이 모두 같은 점이 두 번 기록되면 한 번으로 셉니다(MLflow 3의 log_model은 mlruns 폴더에서 단계 0 줄을 반복해 기록하며, MLflow 데이터베이스도 하나만 보관합니다).</translation>
    </message>
    <message>
        <source>Could not load the history: {0}</source>
        <translation>기록을 불러오지 못했습니다: {0}</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>outputs</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>params</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>There is no MLmodel file in {0}.</source>
        <translation>{0}에 MLmodel 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Cannot read {0}: {1}.</source>
        <translation>{0}을(를) 읽을 수 없습니다: {1}.</translation>
    </message>
    <message>
        <source>{0} is too large to be an MLmodel file.</source>
        <translation>{0}은(는) MLmodel 파일이라기엔 너무 큽니다.</translation>
    </message>
    <message>
        <source>{0} is not valid YAML: {1}</source>
        <translation>{0}은(는) 올바른 YAML이 아닙니다: {1}</translation>
    </message>
    <message>
        <source>{0} does not describe a model.</source>
        <translation>{0}은(는) 모델을 설명하지 않습니다.</translation>
    </message>
    <message>
        <source>The signature {0} are not valid JSON.</source>
        <translation>시그니처 {0}이(가) 올바른 JSON이 아닙니다.</translation>
    </message>
    <message>
        <source>The signature {0} have an unknown layout.</source>
        <translation>시그니처 {0}의 구조를 알 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ModelCardView</name>
    <message>
        <source>Copy load snippet</source>
        <translation>불러오기 코드 복사</translation>
    </message>
    <message>
        <source>Flavors</source>
        <translation>플레이버</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>MLflow</source>
        <translation>MLflow</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>{0} in {1} files</source>
        <translation>파일 {1}개, {0}</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>생성 시각(UTC)</translation>
    </message>
    <message>
        <source>Model UUID</source>
        <translation>모델 UUID</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Model ID</source>
        <translation>모델 ID</translation>
    </message>
    <message>
        <source>Load it</source>
        <translation>불러오기</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>시그니처</translation>
    </message>
    <message>
        <source>No signature was logged.</source>
        <translation>기록된 시그니처가 없습니다.</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Input example ({0})</source>
        <translation>입력 예시({0})</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>요구 사항</translation>
    </message>
    <message>
        <source>Pickled files ({0}) are never loaded by mlflow-desktop: unpickling can run arbitrary code.</source>
        <translation>피클 파일({0})은 mlflow-desktop이 절대 불러오지 않습니다. 언피클링은 임의의 코드를 실행할 수 있습니다.</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>선택</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>형태</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>A short note; leave empty to remove it</source>
        <translation>짧은 메모 (비워 두면 메모를 지웁니다)</translation>
    </message>
    <message>
        <source>Kept in this app&apos;s store; the run&apos;s source is never written.</source>
        <translation>이 앱의 저장소에만 보관되며, 실행의 원본에는 절대 기록되지 않습니다.</translation>
    </message>
    <message numerus="yes">
        <source>The same note for {0} runs, kept in this app&apos;s store; their source is never written.</source>
        <translation>
            <numerusform>실행 {0}개에 같은 메모를 붙입니다. 이 앱의 저장소에만 보관되며, 원본에는 절대 기록되지 않습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl+Enter saves the note</source>
        <translation>Ctrl+Enter를 누르면 메모를 저장합니다</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Run name</source>
        <translation>실행 이름</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>실행 ID</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>종료 시각</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>소스</translation>
    </message>
    <message>
        <source>Git commit</source>
        <translation>Git 커밋</translation>
    </message>
    <message>
        <source>Parent run</source>
        <translation>부모 실행</translation>
    </message>
    <message>
        <source>Child runs</source>
        <translation>자식 실행</translation>
    </message>
    <message>
        <source>Registered as</source>
        <translation>등록된 모델</translation>
    </message>
    <message>
        <source>Artifact location</source>
        <translation>아티팩트 위치</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>편집…</translation>
    </message>
    <message>
        <source>Your note on this run, kept in this app&apos;s store</source>
        <translation>이 실행에 대한 메모 (이 앱의 저장소에 보관)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the run ID</source>
        <translation>실행 ID 복사</translation>
    </message>
    <message>
        <source>Dataset inputs</source>
        <translation>데이터셋 입력</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source> · hidden</source>
        <translation> · 숨김</translation>
    </message>
    <message>
        <source>Starred: click to unstar</source>
        <translation>별표 있음: 클릭하면 별표를 뗍니다</translation>
    </message>
    <message>
        <source>Star this run</source>
        <translation>이 실행에 별표 붙이기</translation>
    </message>
    <message>
        <source>{0} (id {1})</source>
        <translation>{0} (ID {1})</translation>
    </message>
    <message>
        <source> · deleted</source>
        <translation> · 삭제됨</translation>
    </message>
    <message>
        <source>(still running)</source>
        <translation>(실행 중)</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> 외 {0}개</translation>
    </message>
    <message>
        <source>Model versions registered from this run (model registry)</source>
        <translation>이 실행에서 등록된 모델 버전 (모델 레지스트리)</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(가져오지 않음)</translation>
    </message>
    <message>
        <source>{0} v{1}</source>
        <translation>{0} v{1}</translation>
    </message>
</context>
<context>
    <name>ParallelCard</name>
    <message>
        <source>Parallel coordinates</source>
        <translation>평행 좌표</translation>
    </message>
</context>
<context>
    <name>ParallelCoordinatesSection</name>
    <message>
        <source>Clear ranges</source>
        <translation>범위 지우기</translation>
    </message>
    <message>
        <source>Select in runs table</source>
        <translation>실행 표에서 선택</translation>
    </message>
    <message>
        <source>Select the runs inside the ranges in the main window</source>
        <translation>범위 안의 실행을 메인 창에서 선택</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>색상 기준</translation>
    </message>
    <message>
        <source>Drag along an axis to keep a range; click the axis to clear it. Right-click an axis for more.</source>
        <translation>축을 따라 끌면 범위를 남기고, 축을 클릭하면 범위를 지웁니다. 축을 오른쪽 클릭하면 더 많은 옵션이 있습니다.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>{0} (param)</source>
        <translation>{0} (파라미터)</translation>
    </message>
    <message numerus="yes">
        <source>{0} of {1} groups inside the ranges</source>
        <translation>
            <numerusform>그룹 {1}개 중 {0}개가 범위 안에 있음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of {1} runs inside the ranges</source>
        <translation>
            <numerusform>실행 {1}개 중 {0}개가 범위 안에 있음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>실행 {0}개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} groups</source>
        <translation>
            <numerusform>그룹 {0}개</numerusform>
        </translation>
    </message>
    <message>
        <source>No param varies in most of these runs; tick params on the left to add their axes.</source>
        <translation>이 실행들 대부분에서 값이 달라지는 파라미터가 없습니다. 왼쪽에서 파라미터를 선택해 축을 추가하세요.</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>로그 스케일</translation>
    </message>
    <message>
        <source>Clear range</source>
        <translation>범위 지우기</translation>
    </message>
    <message>
        <source>Move left</source>
        <translation>왼쪽으로 이동</translation>
    </message>
    <message>
        <source>Move right</source>
        <translation>오른쪽으로 이동</translation>
    </message>
    <message>
        <source>Remove axis</source>
        <translation>축 제거</translation>
    </message>
</context>
<context>
    <name>ParamImportanceSection</name>
    <message>
        <source>Only {0} of {1} runs have a value for {2}; at least {3} are needed to say which params matter.</source>
        <translation>실행 {1}개 중 {0}개에만 {2} 값이 있습니다. 어떤 파라미터가 중요한지 알려면 적어도 {3}개가 필요합니다.</translation>
    </message>
    <message>
        <source>{0} is the same in every run.</source>
        <translation>{0}은(는) 모든 실행에서 같습니다.</translation>
    </message>
    <message>
        <source>No param differs between these runs and is present in most of them.</source>
        <translation>이 실행들 사이에서 값이 다르면서 대부분의 실행에 있는 파라미터가 없습니다.</translation>
    </message>
    <message>
        <source>Use all runs of their experiments</source>
        <translation>해당 실험의 모든 실행 사용</translation>
    </message>
    <message>
        <source>Learn from every active run of the compared runs&apos; experiments</source>
        <translation>비교하는 실행이 속한 실험의 활성 실행 전체로 학습</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>중요도</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>상관관계</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>메트릭</translation>
    </message>
    <message>
        <source>Importance: share of a random forest&apos;s (scikit-learn, 100 trees) error reduction owed to each param. Correlation: Pearson, over the params&apos; numeric values. Hover the chart for details.</source>
        <translation>중요도: 랜덤 포레스트(scikit-learn, 트리 100개)의 오차 감소 중 각 파라미터가 차지하는 몫. 상관관계: 파라미터 숫자 값에 대한 피어슨 상관. 자세한 내용은 차트에 마우스를 올려 보세요.</translation>
    </message>
    <message>
        <source>A random forest (scikit-learn, 100 trees, leaves of two or more runs) learns the metric from the params; a param&apos;s importance is its share of the forest&apos;s error reduction, all summing to 1. Correlation is Pearson&apos;s r between the metric and a param&apos;s numeric values. Params that are constant, present in half the runs or fewer, or that only differ between estimator types are left out. At least {0} runs with the metric are needed.</source>
        <translation>랜덤 포레스트(scikit-learn, 트리 100개, 리프당 실행 2개 이상)가 파라미터로 메트릭을 학습합니다. 파라미터의 중요도는 포레스트의 오차 감소 중 그 파라미터가 차지하는 몫이며, 모두 합하면 1입니다. 상관관계는 메트릭과 파라미터 숫자 값 사이의 피어슨 r입니다. 값이 일정하거나, 실행의 절반 이하에만 있거나, 추정기 종류 사이에서만 다른 파라미터는 제외합니다. 메트릭이 있는 실행이 {0}개 이상 필요합니다.</translation>
    </message>
    <message>
        <source>These runs have no metrics.</source>
        <translation>이 실행들에는 메트릭이 없습니다.</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>계산 중…</translation>
    </message>
    <message>
        <source>Computing… (loading scikit-learn the first time takes a while)</source>
        <translation>계산 중… (처음에는 scikit-learn을 불러오느라 시간이 걸립니다)</translation>
    </message>
    <message>
        <source>Could not compute importance: {0}</source>
        <translation>중요도를 계산하지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>Based on only {0} runs: treat the ranking as a rough hint.</source>
        <translation>실행 {0}개만으로 계산했습니다. 순위는 대략적인 참고로만 보세요.</translation>
    </message>
    <message numerus="yes">
        <source>Learned from {0} runs.</source>
        <translation>
            <numerusform>실행 {0}개로 학습했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} constant</source>
        <translation>일정한 값 {0}개</translation>
    </message>
    <message>
        <source>{0} present in half the runs or fewer</source>
        <translation>실행의 절반 이하에만 있는 것 {0}개</translation>
    </message>
    <message>
        <source>{0} differing only between estimator types</source>
        <translation>추정기 종류 사이에서만 다른 것 {0}개</translation>
    </message>
    <message>
        <source>Left out {0} params: {1}.</source>
        <translation>제외한 파라미터 {0}개: {1}.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>없음</translation>
    </message>
</context>
<context>
    <name>PathLabel</name>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
</context>
<context>
    <name>Previews</name>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8(BOM 포함)</translation>
    </message>
    <message>
        <source>CP949 (Korean)</source>
        <translation>CP949(한국어)</translation>
    </message>
    <message>
        <source>JSON lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>Notebook (JSON)</source>
        <translation>노트북(JSON)</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Shell script</source>
        <translation>셸 스크립트</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>설정 파일</translation>
    </message>
    <message>
        <source>MLmodel (YAML)</source>
        <translation>MLmodel(YAML)</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>요구 사항</translation>
    </message>
    <message>
        <source>Conda environment</source>
        <translation>Conda 환경</translation>
    </message>
    <message>
        <source>Python environment</source>
        <translation>Python 환경</translation>
    </message>
    <message>
        <source>The SVG is larger than {0} MB and is not rendered.</source>
        <translation>SVG가 {0}MB보다 커서 렌더링하지 않습니다.</translation>
    </message>
    <message>
        <source>Compressed or UTF-16 SVG files are not rendered.</source>
        <translation>압축되었거나 UTF-16인 SVG 파일은 렌더링하지 않습니다.</translation>
    </message>
    <message>
        <source>The SVG declares a DOCTYPE or entities; not rendered.</source>
        <translation>SVG에 DOCTYPE이나 엔티티 선언이 있어 렌더링하지 않습니다.</translation>
    </message>
    <message>
        <source>The SVG includes other files; not rendered.</source>
        <translation>SVG가 다른 파일을 포함하므로 렌더링하지 않습니다.</translation>
    </message>
    <message>
        <source>The SVG would draw more than {0} shapes (repeated &lt;use&gt; references); not rendered.</source>
        <translation>SVG가 도형을 {0}개보다 많이 그리게 되어(반복된 &lt;use&gt; 참조) 렌더링하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>a tracking URI this app does not read (such as SQL Server or Databricks): open the team&apos;s tracking server (http://…), its PostgreSQL or MySQL/MariaDB database, an mlflow.db file or an mlruns folder</source>
        <translation>이 앱이 읽지 않는 추적 URI입니다(SQL Server, Databricks 등): 팀의 추적 서버(http://…), 그 PostgreSQL 또는 MySQL/MariaDB 데이터베이스, mlflow.db 파일 또는 mlruns 폴더를 여세요</translation>
    </message>
    <message>
        <source>folder not found</source>
        <translation>폴더를 찾을 수 없음</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>권한 없음</translation>
    </message>
    <message>
        <source>a folder, not an MLflow database file (mlflow.db is a file), and no MLflow tracking folder either</source>
        <translation>폴더이며 MLflow 데이터베이스 파일이 아닙니다(mlflow.db는 파일입니다). MLflow 추적 폴더도 아닙니다</translation>
    </message>
    <message>
        <source>not an MLflow tracking folder (no experiment folders with meta.yaml)</source>
        <translation>MLflow 트래킹 폴더가 아님(meta.yaml이 있는 실험 폴더가 없음)</translation>
    </message>
    <message>
        <source>link loop (folder already listed); skipped</source>
        <translation>링크 순환(이미 읽은 폴더), 건너뜀</translation>
    </message>
    <message>
        <source>folder nesting too deep; skipped</source>
        <translation>폴더가 너무 깊게 중첩됨, 건너뜀</translation>
    </message>
    <message>
        <source>unreadable file entry</source>
        <translation>읽을 수 없는 파일 항목</translation>
    </message>
    <message>
        <source>more than {0} artifact files; listing truncated</source>
        <translation>아티팩트 파일이 {0}개를 넘어 목록을 잘랐음</translation>
    </message>
    <message>
        <source>not an experiment folder (no meta.yaml); skipped</source>
        <translation>실험 폴더가 아님(meta.yaml 없음), 건너뜀</translation>
    </message>
    <message>
        <source>cannot read: {0}</source>
        <translation>읽을 수 없음: {0}</translation>
    </message>
    <message>
        <source>experiment_id {0!r} does not match the folder name; MLflow ignores this experiment</source>
        <translation>experiment_id {0!r}이(가) 폴더 이름과 다름. MLflow는 이 실험을 무시함</translation>
    </message>
    <message>
        <source>line {0}: unreadable model metric line skipped</source>
        <translation>{0}행: 읽을 수 없는 모델 메트릭 줄을 건너뜀</translation>
    </message>
    <message>
        <source>expected a file but found a folder</source>
        <translation>파일이어야 하는데 폴더임</translation>
    </message>
    <message>
        <source>file disappeared while reading</source>
        <translation>읽는 도중 파일이 사라짐</translation>
    </message>
    <message>
        <source>not valid UTF-8 (byte {0}); unreadable characters replaced with U+FFFD</source>
        <translation>올바른 UTF-8이 아님(바이트 {0}). 읽을 수 없는 문자를 U+FFFD로 바꿈</translation>
    </message>
    <message>
        <source>empty file</source>
        <translation>빈 파일</translation>
    </message>
    <message>
        <source>invalid YAML{0}</source>
        <translation>잘못된 YAML{0}</translation>
    </message>
    <message>
        <source>expected a YAML mapping</source>
        <translation>YAML 매핑이어야 함</translation>
    </message>
    <message>
        <source>expected a folder but found a file</source>
        <translation>폴더여야 하는데 파일임</translation>
    </message>
    <message>
        <source>cannot list: {0}</source>
        <translation>목록을 읽을 수 없음: {0}</translation>
    </message>
    <message>
        <source>broken link (missing target or a loop); skipped</source>
        <translation>끊어진 링크(대상이 없거나 순환), 건너뜀</translation>
    </message>
    <message>
        <source>link points outside the source folder; skipped</source>
        <translation>소스 폴더 바깥을 가리키는 링크, 건너뜀</translation>
    </message>
    <message>
        <source>linked folder not followed; skipped</source>
        <translation>링크된 폴더는 따라가지 않음, 건너뜀</translation>
    </message>
    <message>
        <source>unreadable entry: {0}</source>
        <translation>읽을 수 없는 항목: {0}</translation>
    </message>
    <message>
        <source>not a run folder (no meta.yaml); skipped</source>
        <translation>실행 폴더가 아닙니다(meta.yaml 없음). 건너뛰었습니다</translation>
    </message>
    <message>
        <source>run_id {0!r} does not match the folder name; MLflow ignores this run</source>
        <translation>run_id {0!r}이(가) 폴더 이름과 다름. MLflow는 이 실행을 무시함</translation>
    </message>
    <message>
        <source>experiment_id {0!r} does not match the experiment folder; MLflow ignores this run</source>
        <translation>experiment_id {0!r}이(가) 실험 폴더와 다름. MLflow는 이 실행을 무시함</translation>
    </message>
    <message>
        <source>status {0!r} is not a run status; shown as {1}</source>
        <translation>상태 {0!r}은(는) 실행 상태가 아닙니다. {1}(으)로 표시합니다</translation>
    </message>
    <message>
        <source>{0} {1!r} is not a time; left empty</source>
        <translation>{0} {1!r}은(는) 시간이 아닙니다. 비워 두었습니다</translation>
    </message>
    <message>
        <source>line {0}: unreadable metric line {1!r} skipped</source>
        <translation>{0}행: 읽을 수 없는 메트릭 줄 {1!r}을(를) 건너뜀</translation>
    </message>
    <message>
        <source>{0} more unreadable lines skipped</source>
        <translation>읽을 수 없는 줄 {0}개를 더 건너뜀</translation>
    </message>
    <message>
        <source>import failed: {0}</source>
        <translation>가져오기 실패: {0}</translation>
    </message>
    <message>
        <source>a named pipe (FIFO); not read</source>
        <translation>이름 있는 파이프(FIFO), 읽지 않음</translation>
    </message>
    <message>
        <source>a device, not a file; not read</source>
        <translation>파일이 아닌 장치, 읽지 않음</translation>
    </message>
    <message>
        <source>a socket, not a file; not read</source>
        <translation>파일이 아닌 소켓, 읽지 않음</translation>
    </message>
    <message>
        <source>not a regular file; not read</source>
        <translation>일반 파일이 아님, 읽지 않음</translation>
    </message>
    <message>
        <source>larger than {0} MB; not read</source>
        <translation>{0}MB보다 큼, 읽지 않음</translation>
    </message>
    <message>
        <source>not a model version number: {0!r}; skipped</source>
        <translation>모델 버전 번호가 아님: {0!r}; 건너뜀</translation>
    </message>
    <message>
        <source>no model version number; skipped</source>
        <translation>모델 버전 번호가 없음; 건너뜀</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>Import problems</source>
        <translation>가져오기 문제</translation>
    </message>
    <message>
        <source>{0} problem(s) while reading {1}. Everything else was imported.</source>
        <translation>{1}을(를) 읽는 중 문제가 {0}건 있었습니다. 나머지는 모두 가져왔습니다.</translation>
    </message>
    <message>
        <source>The import of {1} stopped ({0} problem(s)) after reading {2} of {3} runs. Runs written to the store before it stopped are kept; the rest was not imported.</source>
        <translation>{1} 가져오기가 실행 {3}개 중 {2}개를 읽은 뒤 중단되었습니다(문제 {0}개). 중단 전에 저장소에 기록된 실행은 유지되며, 나머지는 가져오지 않았습니다.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
</context>
<context>
    <name>ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>RecentSources</name>
    <message>
        <source>Source missing</source>
        <translation>소스를 찾을 수 없음</translation>
    </message>
    <message>
        <source>{0} no longer exists: it was moved, renamed or deleted.

Remove it from the recent sources?</source>
        <translation>{0}이(가) 더 이상 없습니다. 옮겨졌거나 이름이 바뀌었거나 삭제되었습니다.

최근 소스에서 제거할까요?</translation>
    </message>
    <message>
        <source>{0} (missing)</source>
        <translation>{0} (없음)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(아직 없음)</translation>
    </message>
    <message>
        <source>Remove missing sources</source>
        <translation>없는 소스 제거</translation>
    </message>
</context>
<context>
    <name>RegistryWindow</name>
    <message>
        <source>Model registry</source>
        <translation>모델 레지스트리</translation>
    </message>
    <message>
        <source>Filter models by name, description, tag or alias</source>
        <translation>이름, 설명, 태그, 별칭으로 모델 필터</translation>
    </message>
    <message>
        <source>Show source run</source>
        <translation>원본 실행 보기</translation>
    </message>
    <message>
        <source>Select the run that produced this version in the main window</source>
        <translation>이 버전을 만든 실행을 기본 창에서 선택합니다</translation>
    </message>
    <message>
        <source>The model registry could not be read: {0}</source>
        <translation>모델 레지스트리를 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>버전 수</translation>
    </message>
    <message>
        <source>Latest version</source>
        <translation>최신 버전</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>별칭</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>마지막 업데이트</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>소스</translation>
    </message>
    <message>
        <source>v{0}</source>
        <translation>v{0}</translation>
    </message>
    <message>
        <source>Models: {0} of {1}</source>
        <translation>모델: {1}개 중 {0}개</translation>
    </message>
    <message>
        <source>No registered models in the store. Models registered with mlflow.register_model or MlflowClient appear here after an import.</source>
        <translation>저장소에 등록된 모델이 없습니다. mlflow.register_model 또는 MlflowClient로 등록한 모델은 가져오기 후 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>Select a model to see its versions</source>
        <translation>버전을 보려면 모델을 선택하세요</translation>
    </message>
    <message>
        <source>Versions of {0}</source>
        <translation>{0}의 버전</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Source run</source>
        <translation>원본 실행</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Click to show run {0} in the main window</source>
        <translation>클릭하면 기본 창에서 실행 {0}을(를) 보여 줍니다</translation>
    </message>
    <message>
        <source>{0} (not imported)</source>
        <translation>{0} (가져오지 않음)</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <source>Column {0}</source>
        <translation>열 {0}</translation>
    </message>
</context>
<context>
    <name>RunDetailDock</name>
    <message>
        <source>Parameter</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Search parameters</source>
        <translation>파라미터 검색</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Search tags</source>
        <translation>태그 검색</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>메트릭</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>아티팩트</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Images logged with mlflow.log_image(key=…, step=…)</source>
        <translation>mlflow.log_image(key=…, step=…)로 기록된 이미지</translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation>세부 정보를 보려면 실행을 선택하세요.</translation>
    </message>
    <message>
        <source>This run is no longer in the store.</source>
        <translation>이 실행은 더 이상 저장소에 없습니다.</translation>
    </message>
    <message>
        <source>Run · {0}</source>
        <translation>실행 · {0}</translation>
    </message>
    <message>
        <source>System tags (mlflow.*)</source>
        <translation>시스템 태그(mlflow.*)</translation>
    </message>
    <message>
        <source>Parameters ({0})</source>
        <translation>파라미터({0})</translation>
    </message>
    <message>
        <source>Metrics ({0})</source>
        <translation>메트릭({0})</translation>
    </message>
    <message>
        <source>Tags ({0})</source>
        <translation>태그({0})</translation>
    </message>
    <message>
        <source>Could not load the run: {0}</source>
        <translation>실행을 불러오지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>실행 세부 정보</translation>
    </message>
</context>
<context>
    <name>RunFiles</name>
    <message>
        <source>The artifacts are not on this computer.</source>
        <translation>아티팩트가 이 컴퓨터에 없습니다.</translation>
    </message>
    <message>
        <source>{0} is too large to download for a preview.</source>
        <translation>{0}은(는) 미리 보기로 내려받기에는 너무 큽니다.</translation>
    </message>
    <message>
        <source>{0} does not exist (any more).</source>
        <translation>{0}이(가) (더 이상) 없습니다.</translation>
    </message>
</context>
<context>
    <name>RunImages</name>
    <message>
        <source>Cannot read the image</source>
        <translation>이미지를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot show this image</source>
        <translation>이 이미지를 표시할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>RunLegend</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>MLflow&apos;s search syntax, with AND, OR and parentheses:
  metrics.val_auc &gt; 0.9 and params.max_depth = &apos;10&apos;
  tags.`mlflow.source.name` LIKE &apos;%train%&apos;
  attributes.status != &apos;FAILED&apos;    datasets.name = &apos;holdout&apos;
Your own marks (kept here, never in the source):
  local.starred = true    local.hidden = true
  local.note LIKE &apos;%baseline%&apos;    local.note IS NOT NULL</source>
        <translation>MLflow 검색 문법에 AND, OR, 괄호를 더해 씁니다:
  metrics.val_auc &gt; 0.9 and params.max_depth = &apos;10&apos;
  tags.`mlflow.source.name` LIKE &apos;%train%&apos;
  attributes.status != &apos;FAILED&apos;    datasets.name = &apos;holdout&apos;
내가 붙인 표시 (원본이 아닌 이 앱에 보관):
  local.starred = true    local.hidden = true
  local.note LIKE &apos;%baseline%&apos;    local.note IS NOT NULL</translation>
    </message>
    <message>
        <source>Filter runs: metrics.accuracy &gt; 0.9 and params.max_depth = &apos;10&apos; — or type part of a run name</source>
        <translation>실행 필터: metrics.accuracy &gt; 0.9 and params.max_depth = &apos;10&apos; — 또는 실행 이름의 일부 입력</translation>
    </message>
    <message>
        <source>Deleted runs</source>
        <translation>삭제된 실행</translation>
    </message>
    <message>
        <source>Top-level only</source>
        <translation>최상위 실행만</translation>
    </message>
    <message>
        <source>Hide nested (child) runs</source>
        <translation>중첩된(자식) 실행 숨기기</translation>
    </message>
    <message>
        <source>Child runs under parents</source>
        <translation>하위 실행을 상위 실행 아래에</translation>
    </message>
    <message>
        <source>Show child runs (a search&apos;s candidates, folds) folded under their parent run</source>
        <translation>하위 실행(탐색 후보, 폴드)을 상위 실행 아래에 접어서 표시</translation>
    </message>
    <message>
        <source>Group the runs by a param, tag, status or dataset</source>
        <translation>파라미터, 태그, 상태 또는 데이터셋으로 실행 묶기</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>저장된 보기</translation>
    </message>
    <message>
        <source>Save the filter, sort, columns and grouping under a name</source>
        <translation>필터, 정렬, 열, 묶기를 이름으로 저장</translation>
    </message>
    <message>
        <source>Show hidden runs</source>
        <translation>숨긴 실행 표시</translation>
    </message>
    <message>
        <source>Show the runs you hid (dimmed), so that you can unhide them</source>
        <translation>숨긴 실행을 흐리게 표시합니다 (다시 보이게 할 수 있습니다)</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>열…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV로 내보내기…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Compare the selected runs (Ctrl+D)</source>
        <translation>선택한 실행 비교(Ctrl+D)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Star / unstar</source>
        <translation>별표 붙이기 / 떼기</translation>
    </message>
    <message>
        <source>Could not mark the runs: {0}</source>
        <translation>실행에 표시를 남기지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>Filter error at character {0}: {1}</source>
        <translation>필터 오류({0}번째 문자): {1}</translation>
    </message>
    <message>
        <source>Query failed: {0}</source>
        <translation>조회 실패: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Copying {0} runs…</source>
        <translation>
            <numerusform>실행 {0}개 복사 중…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied {0} runs</source>
        <translation>
            <numerusform>실행 {0}개를 복사했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not copy the runs: {0}</source>
        <translation>실행을 복사할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Filter to this value</source>
        <translation>이 값으로 필터</translation>
    </message>
    <message>
        <source>Hide column</source>
        <translation>열 숨기기</translation>
    </message>
    <message>
        <source>Compare selected runs</source>
        <translation>선택한 실행 비교</translation>
    </message>
    <message>
        <source>Fold child runs</source>
        <translation>하위 실행 접기</translation>
    </message>
    <message>
        <source>Unfold child runs</source>
        <translation>하위 실행 펼치기</translation>
    </message>
    <message>
        <source>Unfold all</source>
        <translation>모두 펼치기</translation>
    </message>
    <message>
        <source>Fold all</source>
        <translation>모두 접기</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>묶기</translation>
    </message>
    <message>
        <source>Grouped by {0}</source>
        <translation>{0}(으)로 묶음</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>묶지 않음</translation>
    </message>
    <message>
        <source>Then by</source>
        <translation>다음으로</translation>
    </message>
    <message>
        <source>Param</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Unstar</source>
        <translation>별표 떼기</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>별표 붙이기</translation>
    </message>
    <message>
        <source>Unhide</source>
        <translation>다시 보이기</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>숨기기</translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation>메모 편집…</translation>
    </message>
</context>
<context>
    <name>RunsTableModel</name>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>실행 {0}개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mean of {0} runs: {1}</source>
        <translation>
            <numerusform>실행 {0}개의 평균: {1}</numerusform>
        </translation>
    </message>
    <message>
        <source>Min: {0}</source>
        <translation>최소: {0}</translation>
    </message>
    <message>
        <source>Max: {0}</source>
        <translation>최대: {0}</translation>
    </message>
    <message>
        <source>Standard deviation: {0}</source>
        <translation>표준편차: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Best of the {0} runs below: {1}</source>
        <translation>
            <numerusform>하위 실행 {0}개 중 최고: {1}</numerusform>
        </translation>
    </message>
    <message>
        <source>This run&apos;s own value: {0}</source>
        <translation>이 실행 자체의 값: {0}</translation>
    </message>
    <message>
        <source>Shown because runs below it match the filter</source>
        <translation>하위 실행이 필터와 일치하여 표시됨</translation>
    </message>
    <message numerus="yes">
        <source>{0} runs below</source>
        <translation>
            <numerusform>하위 실행 {0}개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunsViewSwitch</name>
    <message>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <source>Show the runs as a table</source>
        <translation>실행을 표로 보기</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>차트</translation>
    </message>
    <message>
        <source>Show charts of every run the filter shows ({0})</source>
        <translation>필터에 보이는 모든 실행의 차트 보기 ({0})</translation>
    </message>
    <message>
        <source>Charts view</source>
        <translation>차트 보기</translation>
    </message>
    <message>
        <source>Switch between the runs table and charts</source>
        <translation>실행 표와 차트 사이 전환</translation>
    </message>
</context>
<context>
    <name>SavedViewsMenu</name>
    <message>
        <source>Saved views</source>
        <translation>저장된 보기</translation>
    </message>
    <message>
        <source>Save view as…</source>
        <translation>보기를 다른 이름으로 저장…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>보기 삭제</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>보기 저장</translation>
    </message>
    <message>
        <source>Name of the view (filter, sort, columns, grouping, charts):</source>
        <translation>보기 이름(필터, 정렬, 열, 묶기, 차트):</translation>
    </message>
    <message>
        <source>View “{0}” saved</source>
        <translation>보기 “{0}” 저장됨</translation>
    </message>
</context>
<context>
    <name>ScatterCard</name>
    <message>
        <source>{0} vs {1}</source>
        <translation>{0} 대 {1}</translation>
    </message>
    <message>
        <source>No run has both values</source>
        <translation>두 값을 모두 가진 실행이 없습니다</translation>
    </message>
    <message>
        <source>{0}: {1} = {2}, {3} = {4}</source>
        <translation>{0}: {1} = {2}, {3} = {4}</translation>
    </message>
</context>
<context>
    <name>ScatterSection</name>
    <message>
        <source>Log x</source>
        <translation>x 로그</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>y 로그</translation>
    </message>
    <message>
        <source>Trend line</source>
        <translation>추세선</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>색상</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>param</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>메트릭</translation>
    </message>
    <message numerus="yes">
        <source>{0} groups plotted</source>
        <translation>
            <numerusform>그룹 {0}개 표시</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} runs plotted</source>
        <translation>
            <numerusform>실행 {0}개 표시</numerusform>
        </translation>
    </message>
    <message>
        <source>; {0} lack a value</source>
        <translation>; {0}개는 값 없음</translation>
    </message>
    <message>
        <source>…and {0} more</source>
        <translation>…외 {0}개</translation>
    </message>
    <message>
        <source>log fit: slope {0:.4g}, r = {1}</source>
        <translation>로그 적합: 기울기 {0:.4g}, r = {1}</translation>
    </message>
    <message>
        <source>fit: slope {0:.4g}, r = {1}</source>
        <translation>적합: 기울기 {0:.4g}, r = {1}</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>없음</translation>
    </message>
</context>
<context>
    <name>SearchableTable</name>
    <message>
        <source>Select a row to see its value</source>
        <translation>값을 보려면 행을 선택하세요</translation>
    </message>
    <message>
        <source>[…cut here: the value has {0} characters; “Copy value” copies all of it]</source>
        <translation>[…여기서 잘림: 값은 {0}자입니다. “값 복사”로 전체를 복사할 수 있습니다]</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy name</source>
        <translation>이름 복사</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>값 복사</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <source>{0} sent an answer of an unexpected shape ({1}); what was synced before is kept.</source>
        <translation>{0}이(가) 예상하지 못한 형태의 응답을 보냈습니다({1}). 이전에 동기화한 내용은 유지됩니다.</translation>
    </message>
    <message>
        <source>model registry: {0}</source>
        <translation>모델 레지스트리: {0}</translation>
    </message>
    <message>
        <source>{0} Sign in with File ▸ Connect to server…, or set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN).</source>
        <translation>{0} 파일 ▸ 서버에 연결…에서 로그인하거나 MLFLOW_TRACKING_USERNAME과 MLFLOW_TRACKING_PASSWORD(또는 MLFLOW_TRACKING_TOKEN)를 설정하세요.</translation>
    </message>
    <message>
        <source>{0} did not answer in time. The server may be overloaded or the network slow; try again later.</source>
        <translation>{0}이(가) 제시간에 응답하지 않았습니다. 서버가 과부하 상태이거나 네트워크가 느릴 수 있습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>{0} kept failing (too many retries on {1}).</source>
        <translation>{0}에서 계속 실패했습니다({1} 재시도 횟수 초과).</translation>
    </message>
    <message>
        <source>{0} is not a valid server address.</source>
        <translation>{0}은(는) 올바른 서버 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>Cannot talk to {0}: {1}.</source>
        <translation>{0}과(와) 통신할 수 없습니다: {1}.</translation>
    </message>
    <message>
        <source>{0} sent an answer larger than {1} MB; it was not read.</source>
        <translation>{0}이(가) {1}MB보다 큰 응답을 보내 읽지 않았습니다.</translation>
    </message>
    <message>
        <source>{0} did not finish answering in time (limit: {1} s to start, {2} s in all). The server may be overloaded or the network slow.</source>
        <translation>{0}이(가) 제시간에 응답을 마치지 않았습니다(제한: 시작까지 {1}초, 전체 {2}초). 서버가 과부하 상태이거나 네트워크가 느릴 수 있습니다.</translation>
    </message>
    <message>
        <source>{0} sent more bytes than announced.</source>
        <translation>{0}이(가) 알린 것보다 많은 바이트를 보냈습니다.</translation>
    </message>
    <message>
        <source>The download from {0} was interrupted.</source>
        <translation>{0}에서 다운로드가 중단되었습니다.</translation>
    </message>
    <message>
        <source>The download from {0} ended early ({1} of {2} bytes).</source>
        <translation>{0}에서 다운로드가 일찍 끝났습니다({2}바이트 중 {1}바이트).</translation>
    </message>
    <message>
        <source>The server kept sending more {0} after {1} pages; stopped there (is it looping?).</source>
        <translation>서버가 {1}페이지가 넘도록 {0}을(를) 계속 보내 여기서 멈췄습니다(반복되고 있나요?).</translation>
    </message>
    <message>
        <source>{0} did not answer with JSON; is this an MLflow tracking server?</source>
        <translation>{0}이(가) JSON으로 응답하지 않았습니다. MLflow 추적 서버가 맞습니까?</translation>
    </message>
    <message>
        <source>{0} sent an unexpected answer.</source>
        <translation>{0}이(가) 예상하지 못한 응답을 보냈습니다.</translation>
    </message>
    <message>
        <source>{0} needs you to sign in, or the user name, password or token given is wrong (HTTP 401).</source>
        <translation>{0}에 로그인해야 하거나, 입력한 사용자 이름, 비밀번호 또는 토큰이 틀렸습니다(HTTP 401).</translation>
    </message>
    <message>
        <source>{0} refused this connection: {1}. The server&apos;s operator must allow this host name (mlflow server --allowed-hosts).</source>
        <translation>{0}이(가) 연결을 거부했습니다: {1}. 서버 운영자가 이 호스트 이름을 허용해야 합니다(mlflow server --allowed-hosts).</translation>
    </message>
    <message>
        <source>{0}: your account is not allowed to read this (HTTP 403). {1}</source>
        <translation>{0}: 이 계정에는 읽기 권한이 없습니다(HTTP 403). {1}</translation>
    </message>
    <message>
        <source>{0}: your account is not allowed to read this (HTTP 403).</source>
        <translation>{0}: 이 계정에는 읽기 권한이 없습니다(HTTP 403).</translation>
    </message>
    <message>
        <source>{0} does not offer {1} (HTTP {2}); the server may run an older MLflow release, or the URL is not the server&apos;s root.</source>
        <translation>{0}에서 {1}을(를) 제공하지 않습니다(HTTP {2}). 서버가 이전 MLflow 버전이거나 URL이 서버의 루트가 아닐 수 있습니다.</translation>
    </message>
    <message>
        <source>{0}: not found (HTTP 404).</source>
        <translation>{0}: 찾을 수 없습니다(HTTP 404).</translation>
    </message>
    <message>
        <source>{0}: {1} (HTTP 404).</source>
        <translation>{0}: {1}(HTTP 404).</translation>
    </message>
    <message>
        <source>{0} answered HTTP {1} for {2}: {3}</source>
        <translation>{0}이(가) {2} 요청에 HTTP {1}로 응답했습니다: {3}</translation>
    </message>
    <message>
        <source>The host of {0} is unknown. Check the spelling of the URL.</source>
        <translation>{0}의 호스트를 알 수 없습니다. URL 철자를 확인하세요.</translation>
    </message>
    <message>
        <source>Cannot connect to {0}: nothing answers there. Check the URL and port, and that the server is running.</source>
        <translation>{0}에 연결할 수 없습니다: 응답이 없습니다. URL과 포트, 서버가 실행 중인지 확인하세요.</translation>
    </message>
    <message>
        <source>Cannot connect to {0}. Check the URL, the network and any proxy.</source>
        <translation>{0}에 연결할 수 없습니다. URL, 네트워크, 프록시 설정을 확인하세요.</translation>
    </message>
    <message>
        <source>The certificate of {0} could not be verified ({1}). Choose the CA bundle that signed it, or (only if you trust the network) turn off TLS verification.</source>
        <translation>{0}의 인증서를 확인할 수 없습니다({1}). 서명한 CA 번들을 선택하거나, 네트워크를 신뢰하는 경우에만 TLS 검증을 끄세요.</translation>
    </message>
    <message>
        <source>The certificate of {0} could not be verified. Choose the CA bundle that signed it, or (only if you trust the network) turn off TLS verification.</source>
        <translation>{0}의 인증서를 확인할 수 없습니다. 서명한 CA 번들을 선택하거나, 네트워크를 신뢰하는 경우에만 TLS 검증을 끄세요.</translation>
    </message>
    <message>
        <source>{0} does not speak HTTPS on this port; try http:// instead.</source>
        <translation>{0}은(는) 이 포트에서 HTTPS를 사용하지 않습니다. 대신 http://를 사용해 보세요.</translation>
    </message>
    <message>
        <source>The secure (TLS) connection to {0} failed.</source>
        <translation>{0}에 대한 보안(TLS) 연결에 실패했습니다.</translation>
    </message>
    <message>
        <source>{0!r} is not an http:// or https:// URL</source>
        <translation>{0!r}은(는) http:// 또는 https:// URL이 아닙니다</translation>
    </message>
    <message>
        <source>{0!r} is not a valid URL ({1})</source>
        <translation>{0!r}은(는) 올바른 URL이 아닙니다({1})</translation>
    </message>
    <message>
        <source>{0!r} names no host</source>
        <translation>{0!r}에 호스트가 없습니다</translation>
    </message>
    <message>
        <source>{0!r} has an invalid port</source>
        <translation>{0!r}의 포트가 올바르지 않습니다</translation>
    </message>
    <message>
        <source>The artifacts of {0} runs were not listed: {1}</source>
        <translation>실행 {0}개의 아티팩트를 나열하지 못했습니다: {1}</translation>
    </message>
    <message>
        <source>Its artifacts were not listed: {0}</source>
        <translation>이 실행의 아티팩트를 나열하지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>metric {0!r}: the server sent no history although the run has the metric; the stored history is kept</source>
        <translation>지표 {0!r}: 실행에 이 지표가 있지만 서버가 기록을 보내지 않았습니다. 저장된 기록을 유지합니다</translation>
    </message>
    <message>
        <source>metric {0!r}: its history could not be read ({1}); the stored history is kept</source>
        <translation>지표 {0!r}: 기록을 읽을 수 없습니다({1}). 저장된 기록을 유지합니다</translation>
    </message>
</context>
<context>
    <name>SharedFilesPage</name>
    <message>
        <source>Align rows by:</source>
        <translation>행 맞춤 기준:</translation>
    </message>
    <message>
        <source>In {0} of {1} runs</source>
        <translation>실행 {1}개 중 {0}개에 있음</translation>
    </message>
    <message>
        <source>No shared files</source>
        <translation>공통 파일 없음</translation>
    </message>
    <message>
        <source>No artifact path is present in more than one of these runs.</source>
        <translation>이 실행들 중 둘 이상에 있는 아티팩트 경로가 없습니다.</translation>
    </message>
    <message>
        <source>Choose a path to see each run&apos;s copy.</source>
        <translation>경로를 선택하면 실행마다의 파일을 나란히 봅니다.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>{0} 읽는 중…</translation>
    </message>
    <message>
        <source>Not in this run</source>
        <translation>이 실행에는 없음</translation>
    </message>
    <message>
        <source>(each table&apos;s own row order)</source>
        <translation>(표마다 원래 행 순서)</translation>
    </message>
    <message>
        <source>keys: {0}; rows left out for repeating a key: {1}</source>
        <translation>키 {0}개; 키가 중복되어 제외된 행 {1}개</translation>
    </message>
    <message>
        <source>keys: {0}</source>
        <translation>키 {0}개</translation>
    </message>
    <message>
        <source>missing keys: {0}</source>
        <translation>없는 키 {0}개</translation>
    </message>
    <message>
        <source>rows: {0}</source>
        <translation>{0}행</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Runs table</source>
        <translation>실행 표</translation>
    </message>
    <message>
        <source>Previous / next run (the details follow)</source>
        <translation>이전 / 다음 실행(세부 정보가 따라옴)</translation>
    </message>
    <message>
        <source>First / last run</source>
        <translation>첫 / 마지막 실행</translation>
    </message>
    <message>
        <source>Add runs to the selection</source>
        <translation>선택에 실행 추가</translation>
    </message>
    <message>
        <source>{0}click, {1}click, {1}↑ ↓</source>
        <translation>{0}클릭, {1}클릭, {1}↑ ↓</translation>
    </message>
    <message>
        <source>Unfold / fold child runs or a group</source>
        <translation>하위 실행이나 그룹 펼치기 / 접기</translation>
    </message>
    <message>
        <source>+ / -, or → / ← on the run name</source>
        <translation>+ / -, 또는 실행 이름에서 → / ←</translation>
    </message>
    <message>
        <source>From a child run to its parent</source>
        <translation>하위 실행에서 상위 실행으로</translation>
    </message>
    <message>
        <source>← on the run name</source>
        <translation>실행 이름에서 ←</translation>
    </message>
    <message>
        <source>Select all runs</source>
        <translation>모든 실행 선택</translation>
    </message>
    <message>
        <source>Filter box</source>
        <translation>필터 입력란</translation>
    </message>
    <message>
        <source>Apply the filter now</source>
        <translation>필터 바로 적용</translation>
    </message>
    <message>
        <source>Compare window</source>
        <translation>비교 창</translation>
    </message>
    <message>
        <source>Show the first, second, … tab</source>
        <translation>첫째, 둘째, … 탭 보기</translation>
    </message>
    <message>
        <source>{0}1, {0}2, …</source>
        <translation>{0}1, {0}2, …</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>저장소</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The store is in use</source>
        <translation>저장소가 사용 중입니다</translation>
    </message>
    <message>
        <source>The store {0} is in use by {1}, which does not answer. Close that program, or open another store with --store.</source>
        <translation>저장소 {0}을(를) {1}이(가) 사용 중인데 응답이 없습니다. 그 프로그램을 닫거나 --store로 다른 저장소를 여세요.</translation>
    </message>
    <message>
        <source>The store cannot be opened</source>
        <translation>저장소를 열 수 없습니다</translation>
    </message>
    <message>
        <source>The store {0} cannot be opened: it is locked by another program. Close the program that uses it (another mlflow-desktop import, a database browser), then try again, or open another store with --store.</source>
        <translation>저장소 {0}을(를) 열 수 없습니다. 다른 프로그램이 잠그고 있습니다. 그 프로그램(다른 mlflow-desktop 가져오기, 데이터베이스 브라우저 등)을 닫고 다시 시도하거나 --store로 다른 저장소를 여세요.</translation>
    </message>
    <message>
        <source>The store {0} cannot be opened ({1}). If the file is damaged, move it away and the app starts with a new, empty store; or open another store with --store.</source>
        <translation>저장소 {0}을(를) 열 수 없습니다({1}). 파일이 손상되었다면 다른 곳으로 옮기세요. 그러면 앱이 비어 있는 새 저장소로 시작합니다. 또는 --store로 다른 저장소를 여세요.</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>다른 프로그램</translation>
    </message>
    <message>
        <source>{0} (process {1} on {2})</source>
        <translation>{0}({2}의 프로세스 {1})</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>이 컴퓨터</translation>
    </message>
    <message>
        <source>{0} is a folder, not a store file. Give the path of a store file (it is created if missing), e.g. {0}/store.db.</source>
        <translation>{0}은(는) 폴더이며 저장소 파일이 아닙니다. 저장소 파일의 경로를 지정하세요(없으면 새로 만듭니다). 예: {0}/store.db</translation>
    </message>
    <message>
        <source>{0} is not an mlflow-desktop store (not an SQLite database); it was left untouched. If it is a damaged store, move it away and the app starts with a new, empty store; or open another store with --store.</source>
        <translation>{0}은(는) mlflow-desktop 저장소가 아닙니다(SQLite 데이터베이스가 아님). 파일은 변경하지 않았습니다. 손상된 저장소라면 다른 곳으로 옮기세요. 그러면 앱이 비어 있는 새 저장소로 시작합니다. 또는 --store로 다른 저장소를 여세요.</translation>
    </message>
    <message>
        <source>{0} is an MLflow tracking database, not an mlflow-desktop store; it was left untouched. Import it instead (mlflow-desktop import {0}) and keep the store elsewhere (the default, or --store with a new file).</source>
        <translation>{0}은(는) MLflow 추적 데이터베이스이며 mlflow-desktop 저장소가 아닙니다. 파일은 변경하지 않았습니다. 대신 가져오기를 하세요(mlflow-desktop import {0}). 저장소는 다른 곳에 두세요(기본 위치 또는 --store에 새 파일).</translation>
    </message>
    <message>
        <source>{0} is another program&apos;s SQLite database, not an mlflow-desktop store; it was left untouched. Open another store with --store.</source>
        <translation>{0}은(는) 다른 프로그램의 SQLite 데이터베이스이며 mlflow-desktop 저장소가 아닙니다. 파일은 변경하지 않았습니다. --store로 다른 저장소를 여세요.</translation>
    </message>
</context>
<context>
    <name>StepImagesGrid</name>
    <message>
        <source>Image key:</source>
        <translation>이미지 키:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>스텝:</translation>
    </message>
    <message>
        <source>{0}  ({1} of {2} runs)</source>
        <translation>{0}  (실행 {2}개 중 {1}개)</translation>
    </message>
    <message>
        <source>No logged images</source>
        <translation>기록된 이미지 없음</translation>
    </message>
    <message>
        <source>None of these runs logged images with mlflow.log_image(key=…, step=…).</source>
        <translation>이 실행들 중 mlflow.log_image(key=…, step=…)로 이미지를 기록한 실행이 없습니다.</translation>
    </message>
    <message>
        <source>Step {0}</source>
        <translation>스텝 {0}</translation>
    </message>
    <message>
        <source>No images for this key</source>
        <translation>이 키의 이미지 없음</translation>
    </message>
    <message>
        <source>Loading the images…</source>
        <translation>이미지 불러오는 중…</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>스텝 {0}</translation>
    </message>
    <message>
        <source>nearest: step {0} (none at {1})</source>
        <translation>가장 가까운 스텝 {0} ({1}에는 없음)</translation>
    </message>
</context>
<context>
    <name>StepImagesView</name>
    <message>
        <source>Image key:</source>
        <translation>이미지 키:</translation>
    </message>
    <message>
        <source>Select a run to see its logged images.</source>
        <translation>기록된 이미지를 보려면 실행을 선택하세요.</translation>
    </message>
    <message>
        <source>Looking for logged images…</source>
        <translation>기록된 이미지를 찾는 중…</translation>
    </message>
    <message>
        <source>This run is no longer in the store.</source>
        <translation>이 실행은 더 이상 저장소에 없습니다.</translation>
    </message>
    <message>
        <source>The artifacts are not on this computer</source>
        <translation>아티팩트가 이 컴퓨터에 없습니다</translation>
    </message>
    <message>
        <source>No logged images</source>
        <translation>기록된 이미지 없음</translation>
    </message>
    <message>
        <source>This run has no images logged with mlflow.log_image(key=…, step=…).</source>
        <translation>이 실행에는 mlflow.log_image(key=…, step=…)로 기록된 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>{0}  (steps: {1})</source>
        <translation>{0}  (스텝 {1}개)</translation>
    </message>
    <message>
        <source>Could not look for logged images</source>
        <translation>기록된 이미지를 찾을 수 없습니다</translation>
    </message>
    <message>
        <source>Step {0}  ·  {1} of {2}  ·  logged {3}</source>
        <translation>스텝 {0}  ·  {2}개 중 {1}번째  ·  기록 {3}</translation>
    </message>
    <message>
        <source>Cannot show this image</source>
        <translation>이 이미지를 표시할 수 없습니다</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
</context>
<context>
    <name>TeamDbDialog</name>
    <message>
        <source>Open a team tracking database</source>
        <translation>팀 추적 데이터베이스 열기</translation>
    </message>
    <message>
        <source>The PostgreSQL or MySQL/MariaDB database of a team&apos;s MLflow server, read directly and strictly read-only: a database role that may only SELECT from MLflow&apos;s tables is enough. TLS options go in the URL (?sslmode=require, ?ssl=true).</source>
        <translation>팀 MLflow 서버의 PostgreSQL 또는 MySQL/MariaDB 데이터베이스를 직접, 엄격히 읽기 전용으로 읽습니다. MLflow 테이블에 SELECT만 할 수 있는 데이터베이스 역할이면 충분합니다. TLS 옵션은 URL에 넣습니다(?sslmode=require, ?ssl=true).</translation>
    </message>
    <message>
        <source>Database URL:</source>
        <translation>데이터베이스 URL:</translation>
    </message>
    <message>
        <source>empty: the URL&apos;s, the keyring&apos;s or ~/.pgpass</source>
        <translation>비워 두면: URL, 키링 또는 ~/.pgpass의 비밀번호</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>비밀번호:</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>시스템 키링에 비밀번호 기억</translation>
    </message>
    <message>
        <source>No system keyring is available: the password is kept until mlflow-desktop closes.</source>
        <translation>사용할 수 있는 시스템 키링이 없습니다. 비밀번호는 mlflow-desktop을 닫을 때까지만 보관됩니다.</translation>
    </message>
    <message>
        <source>Artifacts (optional)</source>
        <translation>아티팩트(선택 사항)</translation>
    </message>
    <message>
        <source>Where this computer finds the runs&apos; artifacts when they are on the server&apos;s side: the team&apos;s tracking server, or the server&apos;s artifact folder mounted or copied here. Can be changed later: right-click the database ▸ Artifact locations…</source>
        <translation>실행의 아티팩트가 서버 쪽에 있을 때 이 컴퓨터가 찾는 곳: 팀의 트래킹 서버, 또는 이 컴퓨터에 마운트되거나 복사된 서버의 아티팩트 폴더. 나중에 바꿀 수 있습니다: 데이터베이스를 마우스 오른쪽 버튼으로 클릭 ▸ 아티팩트 위치…</translation>
    </message>
</context>
<context>
    <name>VariableChooser</name>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>메트릭</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Browse, sort and compare your MLflow experiments — fast, offline, without a server.</source>
        <translation>MLflow 실험을 살펴보고, 정렬하고, 비교하세요 — 빠르게, 오프라인으로, 서버 없이.</translation>
    </message>
    <message>
        <source>Drag an mlruns folder or mlflow.db here</source>
        <translation>mlruns 폴더나 mlflow.db를 여기로 끌어 놓으세요</translation>
    </message>
    <message>
        <source>Nothing is ever written into your folder: it is read into a local store.</source>
        <translation>폴더에는 아무것도 쓰지 않습니다. 내용을 읽어 로컬 저장소에 담습니다.</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>폴더 열기…</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>데이터베이스 열기…</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>서버에 연결…</translation>
    </message>
    <message>
        <source>Open the sample project</source>
        <translation>예제 프로젝트 열기</translation>
    </message>
    <message>
        <source>A customer-churn model sweep (고객_이탈_예측) and a small random-forest project, written by MLflow.</source>
        <translation>MLflow로 기록한 고객 이탈 모델 스윕(고객_이탈_예측)과 작은 랜덤 포레스트 프로젝트입니다.</translation>
    </message>
    <message>
        <source>Recent sources</source>
        <translation>최근 소스</translation>
    </message>
    <message>
        <source>Remove from recent sources</source>
        <translation>최근 소스에서 제거</translation>
    </message>
    <message>
        <source>Open {0} again</source>
        <translation>{0} 다시 열기</translation>
    </message>
    <message>
        <source>{0} (missing)</source>
        <translation>{0} (없음)</translation>
    </message>
    <message>
        <source>{0} no longer exists. Right-click or press Delete to remove it.</source>
        <translation>{0}이(가) 더 이상 없습니다. 오른쪽 클릭하거나 Delete 키를 눌러 제거하세요.</translation>
    </message>
</context>
<context>
    <name>_TextPane</name>
    <message>
        <source>Wrap lines</source>
        <translation>줄 바꿈</translation>
    </message>
</context>
</TS>
