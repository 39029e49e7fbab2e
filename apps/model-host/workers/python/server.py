#!/usr/bin/env python3
"""The model host's reference worker: an OpenAI-compatible server in the Python standard library.

A test and demo stand-in for a real model server (vLLM, llama.cpp, TEI, ...), NOT a model: its text is
a deterministic word salad seeded by the prompt, its embeddings are hashed character n-grams, its
rerank is BM25. See README.md beside this file.
"""

import argparse
import base64
import hashlib
import json
import math
import os
import random
import re
import signal
import struct
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VOCABULARY = (
    "the a model gateway token stream answer local host quick brown fox jumps over lazy dog "
    "light river mountain signal vector query document score rank cloud machine memory byte "
    "green blue small large early late north south open close bright quiet simple clear"
).split()

WORD = re.compile(r"\w+", re.UNICODE)


def log(*parts):
    """One line on stderr; a host that went away (closed pipe) must not crash the worker."""
    try:
        sys.stderr.write(" ".join(str(p) for p in parts) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def say(*parts):
    try:
        sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------------------------------------
# text generation: deterministic, seeded by the prompt


def seed_of(text):
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def generate(prompt, max_tokens):
    """Words chosen by a generator seeded with the prompt: the same prompt always gets the same answer."""
    rng = random.Random(seed_of(prompt))
    natural = 8 + rng.randrange(9)
    count = natural if max_tokens is None else min(natural, max_tokens)
    words = [rng.choice(VOCABULARY) for _ in range(count)]
    if words:
        words[0] = words[0].capitalize()
    finish = "length" if max_tokens is not None and max_tokens < natural else "stop"
    # tokens as they are streamed: the first word, then " word"
    pieces = [w if i == 0 else " " + w for i, w in enumerate(words)]
    if pieces and finish == "stop":
        pieces[-1] += "."
    return pieces, finish


def count_tokens(text):
    return max(1, len(WORD.findall(text))) if text else 0


def message_text(messages):
    parts = []
    for m in messages if isinstance(messages, list) else []:
        content = m.get("content") if isinstance(m, dict) else None
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return "\n".join(parts)


def prompt_texts(prompt):
    """`prompt`: string | string[] | int[] | int[][] -> a list of texts."""
    if isinstance(prompt, str):
        return [prompt]
    if isinstance(prompt, list) and prompt and all(isinstance(x, int) for x in prompt):
        return [" ".join(str(x) for x in prompt)]
    if isinstance(prompt, list):
        out = []
        for p in prompt:
            if isinstance(p, str):
                out.append(p)
            elif isinstance(p, list):
                out.append(" ".join(str(x) for x in p))
            else:
                raise ValueError("prompt must be a string, a list of strings or token ids")
        return out
    raise ValueError("prompt must be a string, a list of strings or token ids")


# ---------------------------------------------------------------------------------------------
# embeddings: hashed character n-grams, L2-normalised


def embed(text, dim):
    """Counts of character 1..3-grams of the lower-cased text, hashed into `dim` signed buckets, L2-normalised.
    Texts sharing n-grams share buckets, so similar texts have a higher cosine similarity."""
    vec = [0.0] * dim
    padded = " " + " ".join(text.lower().split()) + " "
    for n in (1, 2, 3):
        weight = float(n)
        for i in range(len(padded) - n + 1):
            h = hashlib.blake2b(padded[i : i + n].encode("utf-8"), digest_size=8).digest()
            bucket = int.from_bytes(h[:4], "little") % dim
            sign = 1.0 if h[4] & 1 else -1.0
            vec[bucket] += sign * weight
    norm = math.sqrt(sum(v * v for v in vec))
    return [v / norm for v in vec] if norm > 0 else vec


# ---------------------------------------------------------------------------------------------
# rerank: Okapi BM25


def bm25_scores(query, documents, k1=1.5, b=0.75):
    docs = [[w.lower() for w in WORD.findall(d)] for d in documents]
    n = len(docs)
    avgdl = (sum(len(d) for d in docs) / n) if n else 0.0
    df = {}
    for d in docs:
        for term in set(d):
            df[term] = df.get(term, 0) + 1
    scores = []
    terms = [w.lower() for w in WORD.findall(query)]
    for d in docs:
        tf = {}
        for w in d:
            tf[w] = tf.get(w, 0) + 1
        score = 0.0
        for term in terms:
            if term not in tf:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            f = tf[term]
            score += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len(d) / (avgdl or 1)))
        scores.append(score)
    return scores


# ---------------------------------------------------------------------------------------------
# HTTP


class ApiError(Exception):
    def __init__(self, status, message, param=None, code=None, kind="invalid_request_error"):
        super().__init__(message)
        self.status, self.message, self.param, self.code, self.kind = status, message, param, code, kind


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aigw-reference-worker/1"
    options = None  # set in main()

    def log_message(self, fmt, *args):
        log("%s %s" % (self.address_string(), fmt % args))

    # -- plumbing

    def send_json(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_error_body(self, err):
        self.send_json(err.status, {"error": {"message": err.message, "type": err.kind, "param": err.param, "code": err.code}})

    def read_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            raise ApiError(400, "request body is not valid JSON", code="invalid_json")
        if not isinstance(body, dict):
            raise ApiError(400, "request body must be a JSON object")
        return body

    def start_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def chunk(self, data):
        payload = data.encode("utf-8")
        self.wfile.write(b"%x\r\n%s\r\n" % (len(payload), payload))
        self.wfile.flush()

    def event(self, obj):
        self.chunk("data: " + (obj if isinstance(obj, str) else json.dumps(obj)) + "\n\n")

    def end_stream(self):
        self.event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def pause(self):
        delay = self.options.token_delay_ms
        if delay:
            time.sleep(delay / 1000.0)

    # -- routes

    def do_GET(self):
        try:
            if self.path.split("?")[0] in ("/health", "/v1/health"):
                return self.send_json(200, health())
            if self.path.split("?")[0] == "/v1/models":
                return self.send_json(200, {"object": "list", "data": [model_card()]})
            raise ApiError(404, "no route GET %s" % self.path, code="not_found", kind="not_found_error")
        except ApiError as err:
            self.send_error_body(err)

    def do_POST(self):
        routes = {
            "/v1/chat/completions": self.chat,
            "/v1/completions": self.completions,
            "/v1/embeddings": self.embeddings,
            "/v1/rerank": self.rerank,
            "/rerank": self.rerank,
        }
        route = routes.get(self.path.split("?")[0])
        try:
            if route is None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                raise ApiError(404, "no route POST %s" % self.path, code="not_found", kind="not_found_error")
            route(self.read_json())
        except ApiError as err:
            self.send_error_body(err)
        except (BrokenPipeError, ConnectionResetError):
            log("client went away")

    def chat(self, body):
        prompt = message_text(body.get("messages"))
        if not isinstance(body.get("messages"), list) or not body["messages"]:
            raise ApiError(400, "messages: a non-empty list is required", param="messages")
        max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
        pieces, finish = generate(prompt, max_tokens)
        rid, created, model = "chatcmpl-" + uuid.uuid4().hex[:24], int(time.time()), self.options.served_name
        usage = {"prompt_tokens": count_tokens(prompt), "completion_tokens": len(pieces), "total_tokens": count_tokens(prompt) + len(pieces)}
        if not body.get("stream"):
            return self.send_json(200, {
                "id": rid, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(pieces)}, "finish_reason": finish}],
                "usage": usage,
            })
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        base = {"id": rid, "object": "chat.completion.chunk", "created": created, "model": model}
        extra = {"usage": None} if include_usage else {}
        self.start_stream()
        self.event(dict(base, choices=[{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}], **extra))
        for piece in pieces:
            self.pause()
            self.event(dict(base, choices=[{"index": 0, "delta": {"content": piece}, "finish_reason": None}], **extra))
        self.event(dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": finish}], **extra))
        if include_usage:
            self.event(dict(base, choices=[], usage=usage))
        self.end_stream()

    def completions(self, body):
        try:
            prompts = prompt_texts(body.get("prompt", ""))
        except ValueError as err:
            raise ApiError(400, "prompt: %s" % err, param="prompt")
        max_tokens = body.get("max_tokens", 16)
        rid, created, model = "cmpl-" + uuid.uuid4().hex[:24], int(time.time()), self.options.served_name
        outs = [generate(p, max_tokens) for p in prompts]
        prompt_tokens = sum(count_tokens(p) for p in prompts)
        completion_tokens = sum(len(p) for p, _ in outs)
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens}
        if not body.get("stream"):
            return self.send_json(200, {
                "id": rid, "object": "text_completion", "created": created, "model": model,
                "choices": [{"index": i, "text": "".join(p), "finish_reason": f, "logprobs": None} for i, (p, f) in enumerate(outs)],
                "usage": usage,
            })
        base = {"id": rid, "object": "text_completion", "created": created, "model": model}
        self.start_stream()
        for i, (pieces, finish) in enumerate(outs):
            for piece in pieces:
                self.pause()
                self.event(dict(base, choices=[{"index": i, "text": piece, "finish_reason": None, "logprobs": None}]))
            self.event(dict(base, choices=[{"index": i, "text": "", "finish_reason": finish, "logprobs": None}]))
        if (body.get("stream_options") or {}).get("include_usage"):
            self.event(dict(base, choices=[], usage=usage))
        self.end_stream()

    def embeddings(self, body):
        raw = body.get("input")
        try:
            texts = prompt_texts(raw)
        except ValueError:
            raise ApiError(400, "input: a string, a list of strings or token ids is required", param="input")
        if raw is None or not texts:
            raise ApiError(400, "input: a string, a list of strings or token ids is required", param="input")
        dim = body.get("dimensions") or self.options.dim
        if not isinstance(dim, int) or dim < 1 or dim > 8192:
            raise ApiError(400, "dimensions: must be an integer from 1 to 8192", param="dimensions")
        fmt = body.get("encoding_format") or "float"
        if fmt not in ("float", "base64"):
            raise ApiError(400, "encoding_format: must be float or base64", param="encoding_format")
        data = []
        for i, text in enumerate(texts):
            vec = embed(text, dim)
            value = base64.b64encode(struct.pack("<%df" % dim, *vec)).decode("ascii") if fmt == "base64" else vec
            data.append({"object": "embedding", "index": i, "embedding": value})
        tokens = sum(count_tokens(t) for t in texts)
        self.send_json(200, {"object": "list", "data": data, "model": self.options.served_name, "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})

    def rerank(self, body):
        query, documents = body.get("query"), body.get("documents")
        if not isinstance(query, str) or not query:
            raise ApiError(400, "query: a string is required", param="query")
        if not isinstance(documents, list):
            raise ApiError(400, "documents: a list is required", param="documents")
        texts = []
        for d in documents:
            if isinstance(d, str):
                texts.append(d)
            elif isinstance(d, dict) and isinstance(d.get("text"), str):
                texts.append(d["text"])
            else:
                raise ApiError(400, "documents: each must be a string or {\"text\": ...}", param="documents")
        scores = bm25_scores(query, texts)
        order = sorted(range(len(texts)), key=lambda i: (-scores[i], i))
        top_n = body.get("top_n")
        if isinstance(top_n, int) and top_n >= 0:
            order = order[:top_n]
        return_documents = body.get("return_documents", True)
        results = []
        for i in order:
            result = {"index": i, "relevance_score": scores[i] / (1.0 + scores[i])}
            if return_documents:
                result["document"] = {"text": texts[i]}
            results.append(result)
        tokens = count_tokens(query) + sum(count_tokens(t) for t in texts)
        self.send_json(200, {"id": "rerank-" + uuid.uuid4().hex[:16], "model": self.options.served_name, "results": results,
                             "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        err = sys.exc_info()[1]
        if isinstance(err, (ConnectionResetError, BrokenPipeError)):
            return  # a client (the host's readiness probe, a cancelled stream) hung up: nothing to report
        log("error while serving %s: %r" % (client_address[0], err))


def model_card():
    return {"id": Handler.options.served_name, "object": "model", "created": STARTED, "owned_by": "aigw-reference-worker"}


def health():
    o = Handler.options
    files = 0
    if o.model_dir and os.path.isdir(o.model_dir):
        for _, _, names in os.walk(o.model_dir):
            files += len(names)
    return {
        "status": "ok",
        "model": o.served_name,
        "pid": os.getpid(),
        "uptime_s": round(time.time() - STARTED, 1),
        "model_dir": o.model_dir,
        "model_files": files,
        # what the host assigned: tests check GPU assignment through this
        "cuda_visible_devices": os.environ.get("CUDA_VISIBLE_DEVICES"),
    }


STARTED = int(time.time())


def main():
    parser = argparse.ArgumentParser(description="stdlib OpenAI-compatible reference worker (test/demo, not a model)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--model-dir", default="")
    parser.add_argument("--served-name", default="reference")
    parser.add_argument("--dim", type=int, default=256, help="embedding dimensions")
    parser.add_argument("--token-delay-ms", type=int, default=0, help="pause before each streamed token (simulates a slow model)")
    parser.add_argument("--startup-delay-s", type=float, default=0, help="wait this long before listening (simulates loading)")
    parser.add_argument("--crash-after-s", type=float, default=0, help="exit with code 3 after this long (simulates a crash)")
    parser.add_argument("--ignore-sigterm", action="store_true", help="ignore SIGTERM (simulates a process that must be killed)")
    options = parser.parse_args()
    Handler.options = options

    if options.ignore_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        def on_term(signum, frame):
            say("SIGTERM received: exiting")
            os._exit(0)
        signal.signal(signal.SIGTERM, on_term)

    say("reference worker pid %d, model %s, CUDA_VISIBLE_DEVICES=%s" % (os.getpid(), options.served_name, os.environ.get("CUDA_VISIBLE_DEVICES", "(unset)")))
    if options.startup_delay_s:
        say("loading for %.1f s" % options.startup_delay_s)
        time.sleep(options.startup_delay_s)
    if options.crash_after_s:
        def crash():
            log("simulated crash after %.1f s" % options.crash_after_s)
            os._exit(3)
        timer = threading.Timer(options.crash_after_s, crash)
        timer.daemon = True
        timer.start()

    server = Server((options.host, options.port), Handler)
    say("listening on http://%s:%d" % (options.host, options.port))
    server.serve_forever()


if __name__ == "__main__":
    main()
