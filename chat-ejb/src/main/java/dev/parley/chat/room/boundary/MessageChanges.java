package dev.parley.chat.room.boundary;

import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.control.ChangeOutcome;
import dev.parley.chat.message.control.Emoji;
import dev.parley.chat.message.control.MessageRules;
import dev.parley.chat.message.control.SenderRateLimits;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.ClientFrame;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code edit}, {@code delete} and {@code react} frames: an author (or an admin) changes a
 * stored message, anyone in the room toggles a reaction; everyone in the room, the sender
 * included, gets an {@code update} with its whole new state and the room's change number. They
 * count against the sender's message rate.
 */
@ApplicationScoped
public class MessageChanges {

    private static final Logger LOG = Logger.getLogger(MessageChanges.class.getName());

    @EJB
    MessageStore store;

    @Inject
    SenderRateLimits rateLimits;

    @Inject
    Fanout fanout;

    @Inject
    @ConfigProperty(name = "chat.body.max", defaultValue = "4000")
    int maxBody;

    private MessageRules rules;

    @PostConstruct
    void init() {
        rules = new MessageRules(maxBody);
    }

    public void onEdit(Connection connection, ClientFrame frame) {
        Optional<MessageRules.Violation> violation = rules.check(frame.id(), frame.body());
        if (violation.isPresent()) {
            error(connection, violation.get().code(), violation.get().message().replace("a message", "an edit"), frame);
            return;
        }
        changeBody(connection, frame, frame.body());
    }

    public void onDelete(Connection connection, ClientFrame frame) {
        Optional<MessageRules.Violation> violation = rules.check(frame.id(), "-");
        if (violation.isPresent()) {
            error(connection, violation.get().code(), "a delete needs the id of a message, a UUID", frame);
            return;
        }
        changeBody(connection, frame, null);
    }

    public void onReact(Connection connection, ClientFrame frame) {
        if (rules.check(frame.id(), "-").isPresent()) {
            error(connection, ErrorCode.BAD_REQUEST, "a reaction needs the id of a message, a UUID", frame);
            return;
        }
        if (!Emoji.isValid(frame.emoji())) {
            error(connection, ErrorCode.BAD_REQUEST, "a reaction needs an emoji: one emoji, nothing else", frame);
            return;
        }
        apply(
                connection,
                frame,
                () -> store.toggleReaction(
                        connection.room(),
                        MessageRules.normalizeId(frame.id()),
                        connection.identity().user(),
                        frame.emoji()));
    }

    private void changeBody(Connection connection, ClientFrame frame, String body) {
        apply(
                connection,
                frame,
                () -> store.change(
                        connection.room(),
                        MessageRules.normalizeId(frame.id()),
                        connection.identity().id(),
                        connection.identity().isAdmin(),
                        body));
    }

    private void apply(Connection connection, ClientFrame frame, Supplier<ChangeOutcome> change) {
        if (!rateLimits.tryAcquire(connection.identity().id())) {
            error(connection, ErrorCode.RATE_LIMITED, "too many messages; slow down", frame);
            return;
        }
        ChangeOutcome outcome;
        try {
            outcome = change.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "storing a change in room " + connection.room() + " failed", e);
            error(connection, ErrorCode.STORE_FAILED, "the change could not be stored; try again", frame);
            return;
        }
        switch (outcome.kind()) {
            case CHANGED ->
                fanout.publish(RoomBroadcast.toAll(
                        connection.room(), FrameCodec.write(new Frames.Update(outcome.message(), outcome.rev()))));
            case NOT_FOUND -> error(connection, ErrorCode.BAD_REQUEST, "no message with this id in the room", frame);
            case FORBIDDEN ->
                error(connection, ErrorCode.FORBIDDEN, "only its author or an admin may change a message", frame);
            case NOT_CHANGEABLE ->
                error(
                        connection,
                        ErrorCode.BAD_REQUEST,
                        "this message cannot be changed: it is deleted, or not a user's message",
                        frame);
            case TOO_MANY_REACTIONS ->
                error(
                        connection,
                        ErrorCode.BAD_REQUEST,
                        "a message has at most " + MessageStore.MAX_DIFFERENT_REACTIONS + " different reactions",
                        frame);
        }
    }

    private static void error(Connection connection, ErrorCode code, String message, ClientFrame frame) {
        connection.send(OutboundFrame.of(FrameCodec.write(new Frames.Error(code, message, frame.id()))));
    }
}
