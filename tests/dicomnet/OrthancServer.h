#pragma once
// A real Orthanc (Debian's `orthanc` package) for a test: started on the loopback address on free
// ports with a temporary configuration and storage folder, stopped when the object goes. Its REST API
// tells the test what arrived.
#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

class OrthancServer {
public:
    static constexpr const char* kAeTitle = "ORTHANCTEST";

    // Empty error(): running. Else why it could not start (the test fails with it).
    OrthancServer(const QString& callingAeTitle, int callingPort = 11112)
    {
        const QString exe = QStandardPaths::findExecutable(QStringLiteral("Orthanc"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        if (exe.isEmpty()) {
            error_ = QStringLiteral("Orthanc is not installed (Debian package orthanc; scripts/setup.sh installs it)");
            return;
        }
        dicomPort_ = freePort();
        httpPort_ = freePort();
        const QString config = dir_.filePath(QStringLiteral("orthanc.json"));
        QFile f(config);
        f.open(QIODevice::WriteOnly);
        f.write(QStringLiteral(R"({
  "Name": "boneage-test", "StorageDirectory": "%1", "IndexDirectory": "%1",
  "DicomAet": "%2", "DicomPort": %3, "HttpPort": %4, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "HttpServerEnabled": true, "Plugins": [],
  "DicomCheckCalledAet": true, "DicomCheckModalityHost": false,
  "DicomAlwaysAllowEcho": true, "DicomAlwaysAllowStore": true, "DicomAlwaysAllowFind": true,
  "DicomAlwaysAllowGet": true, "DicomAlwaysAllowMove": true,
  "DicomModalities": { "boneage": [ "%5", "127.0.0.1", %6 ] },
  "StableAge": 1, "ConcurrentJobs": 1
})")
                    .arg(dir_.filePath(QStringLiteral("db")), QString::fromLatin1(kAeTitle))
                    .arg(dicomPort_)
                    .arg(httpPort_)
                    .arg(callingAeTitle)
                    .arg(callingPort)
                    .toUtf8());
        f.close();
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.start(exe, {config});
        if (!process_.waitForStarted(10000)) {
            error_ = QStringLiteral("Orthanc did not start: ") + process_.errorString();
            return;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000) {
            if (process_.state() != QProcess::Running) break;
            if (get(QStringLiteral("/system")).contains("DicomAet")) return;
            QThread::msleep(200);
        }
        error_ = QStringLiteral("Orthanc did not answer on port %1: %2").arg(httpPort_).arg(QString::fromUtf8(process_.readAll().right(2000)));
    }
    ~OrthancServer()
    {
        if (process_.state() == QProcess::Running) {
            process_.terminate();
            if (!process_.waitForFinished(15000)) process_.kill();
            process_.waitForFinished(5000);
        }
    }

    const QString& error() const { return error_; }
    QString node() const { return QStringLiteral("%1@127.0.0.1:%2").arg(QString::fromLatin1(kAeTitle)).arg(dicomPort_); }
    int dicomPort() const { return dicomPort_; }

    // GET on the REST API; empty on failure.
    QByteArray get(const QString& path) { return finish(network_.get(request(path)), 20000); }
    QJsonDocument json(const QString& path) { return QJsonDocument::fromJson(get(path)); }
    // POST on the REST API (e.g. /modalities/NAME/store with an instance ID); empty on failure.
    QByteArray post(const QString& path, const QByteArray& body)
    {
        QNetworkRequest r = request(path);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        return finish(network_.post(r, body), 60000);
    }

    static int freePort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return s.serverPort();
    }

private:
    QNetworkRequest request(const QString& path) const
    {
        return QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(httpPort_).arg(path)));
    }
    // Waits for the reply (at most `timeoutMs`); its body, or empty on failure or timeout.
    static QByteArray finish(QNetworkReply* reply, int timeoutMs)
    {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray body = reply->error() == QNetworkReply::NoError && reply->isFinished() ? reply->readAll() : QByteArray();
        reply->deleteLater();
        return body;
    }

    QTemporaryDir dir_;
    QProcess process_;
    QNetworkAccessManager network_;
    int dicomPort_ = 0, httpPort_ = 0;
    QString error_;
};
