package io.edgedeck.views; final class Placeholder {}
