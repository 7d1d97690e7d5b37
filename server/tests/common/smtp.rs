//! A small SMTP server inside a test: the real protocol over TCP, every accepted message
//! recorded, so tests see exactly what a mail server would receive.
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message as the listener received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

/// A small SMTP server: greets, answers EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, and
/// records each message it accepts. `refuse` makes it answer RCPT with that reply instead.
#[derive(Clone, Default)]
pub struct Listener {
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<Mutex<Option<String>>>,
}

impl Listener {
    pub async fn start(&self) -> u16 {
        let socket = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = socket.local_addr().unwrap().port();
        self.serve(socket);
        port
    }

    pub fn serve(&self, socket: TcpListener) {
        let me = self.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = socket.accept().await {
                let me = me.clone();
                tokio::spawn(async move { me.conversation(stream).await });
            }
        });
    }

    async fn conversation(&self, stream: tokio::net::TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        let reply = |text: String| format!("{text}\r\n").into_bytes();
        let mut out = reply("220 test.example ESMTP".into());
        let (mut from, mut to) = (String::new(), Vec::new());
        loop {
            if write.write_all(&out).await.is_err() {
                return;
            }
            let mut line = String::new();
            if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let command = line.trim_end().to_owned();
            let verb = command
                .split([' ', ':'])
                .next()
                .unwrap_or_default()
                .to_uppercase();
            out = match verb.as_str() {
                "EHLO" => b"250-test.example\r\n250 8BITMIME\r\n".to_vec(),
                "HELO" | "NOOP" => reply("250 ok".into()),
                "RSET" => {
                    (from, to) = (String::new(), Vec::new());
                    reply("250 ok".into())
                }
                "MAIL" => {
                    from = command[10..].trim().to_owned();
                    reply("250 ok".into())
                }
                "RCPT" => match self.refuse.lock().unwrap().clone() {
                    Some(refusal) => reply(refusal),
                    None => {
                        to.push(command[8..].trim().to_owned());
                        reply("250 ok".into())
                    }
                },
                "DATA" => {
                    if write.write_all(b"354 go ahead\r\n").await.is_err() {
                        return;
                    }
                    let mut data = String::new();
                    loop {
                        let mut l = String::new();
                        if lines.read_line(&mut l).await.unwrap_or(0) == 0 {
                            return;
                        }
                        if l == ".\r\n" {
                            break;
                        }
                        data.push_str(l.strip_prefix('.').unwrap_or(&l));
                    }
                    self.received.lock().unwrap().push(Received {
                        from: from.clone(),
                        to: std::mem::take(&mut to),
                        data,
                    });
                    reply("250 queued".into())
                }
                "QUIT" => {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                }
                _ => reply("502 not implemented".into()),
            };
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    pub fn refuse_with(&self, refusal: Option<&str>) {
        *self.refuse.lock().unwrap() = refusal.map(str::to_owned);
    }
}
